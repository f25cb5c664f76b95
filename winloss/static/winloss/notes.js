// The interviewer's notes during a call: a copy of every field is kept in this browser's localStorage until the
// server has saved it, so a dropped connection loses nothing. A copy is put back into an empty field on load
// (and sent again); it is cleared once the server has saved exactly that text.
(function () {
  "use strict";
  function fields() { return document.querySelectorAll("textarea[data-note-key]"); }

  document.addEventListener("DOMContentLoaded", function () {
    fields().forEach(function (field) {
      var key = field.dataset.noteKey;
      var kept = window.localStorage.getItem(key);
      if (kept && !field.value) {
        field.value = kept;
        if (window.htmx) { window.htmx.trigger(field, "keyup"); }
      }
      field.addEventListener("input", function () { window.localStorage.setItem(key, field.value); });
      field.addEventListener("htmx:beforeRequest", function () { field.dataset.sending = field.value; });
      field.addEventListener("htmx:afterRequest", function (event) {
        if (event.detail.successful && field.value === field.dataset.sending) {
          window.localStorage.removeItem(key);
        }
      });
    });
  });
}());
