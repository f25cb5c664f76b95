// Reviewing coding: a selection of words inside one buyer turn fills the "Code a passage" form with the turn and
// the selection's character offsets into the turn's stored text, and the form moves beside the selection.
// Each run of a turn's text is an element with data-start (its offset in the turn); code labels between runs are
// not part of the text and are skipped. Offsets count Unicode code points, as Python does, not UTF-16 units.
(function () {
  "use strict";

  function points(text) { return Array.from(text).length; }

  function passage(range) {
    var common = range.commonAncestorContainer;
    var turn = (common.nodeType === 1 ? common : common.parentElement).closest(".turn.buyer[data-turn]");
    if (!turn) { return null; }
    var start = null, end = null, words = "";
    turn.querySelectorAll("p.text [data-start]").forEach(function (run) {
      var node = run.firstChild;
      if (!node || node.nodeType !== 3 || !range.intersectsNode(node)) { return; }
      var text = node.data;
      var from = range.startContainer === node ? range.startOffset : 0;
      var to = range.endContainer === node ? range.endOffset : text.length;
      var offset = Number(run.dataset.start);
      if (start === null) { start = offset + points(text.slice(0, from)); }
      end = offset + points(text.slice(0, to));
      words += text.slice(from, to);
    });
    if (start === null || end <= start || !words.trim()) { return null; }
    return {turn: turn.dataset.turn, start: start, end: end, words: words, rect: range.getBoundingClientRect()};
  }

  function fill(found) {
    var card = document.getElementById("passage");
    if (!card) { return; }
    var form = card.querySelector("form");
    form.elements.turn.value = found.turn;
    form.elements.start.value = found.start;
    form.elements.end.value = found.end;
    card.querySelector("[data-selected]").textContent = "“" + found.words.trim() + "”";
    card.classList.add("floating");
    card.style.top = (window.scrollY + found.rect.bottom + 8) + "px";
    card.style.left = Math.max(8, Math.min(window.scrollX + found.rect.left,
                                           window.scrollX + document.documentElement.clientWidth - 360)) + "px";
  }

  function selected(event) {
    if (event.target.closest && event.target.closest("#passage")) { return; }
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) { return; }
    var found = passage(selection.getRangeAt(0));
    if (found) { fill(found); }
  }

  document.addEventListener("mouseup", selected);
  document.addEventListener("keyup", function (event) { if (event.shiftKey) { selected(event); } });

  document.addEventListener("keydown", function (event) {
    var card = document.getElementById("passage");
    if (event.key === "Escape" && card) { card.classList.remove("floating"); }
  });
}());
