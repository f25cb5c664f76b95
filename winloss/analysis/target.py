"""Target-aware polarity input: the statement rewritten so that the vendor it is judged for stands out.

Polarity is about a vendor ("Northwind was cheaper than you" is positive for Northwind, negative for us), so the
polarity model reads the statement with the vendor being judged written as `zztarget` and every other vendor as
`zzother`. "You"/"your" is us (the target when we are judged, the other side when a rival is); "they"/"their" is
the target when the target is not named in the statement, as when the vendor under discussion carries over.
The word view then learns "zzother was cheaper" (bad for the target) apart from "zztarget was cheaper"; a word pair
cannot tell "zztarget's price was higher than zzother's" from the reverse, so each comparison with a marked side
also adds a word saying which side of it the target is on (`sides`: "zzsubjhigher", "zzobjcheaper").
The same rewriting is used in training (corpus placeholders) and in coding (names found by the program's matcher).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from winloss.analysis.classify import TOKEN

TARGET, OTHER = "zztarget", "zzother"
US = "us"
# "you" addressed to our interviewer means us; "you know", "you see", "you mean" are fillers.
YOU = re.compile(r"\b(?:you guys|y'all|you|your|yours)\b(?! know\b| see\b| mean\b)", re.IGNORECASE)
THEY = re.compile(r"\b(?:they|their|theirs|them|they're|they'd|they've|they'll)\b", re.IGNORECASE)


def mark_target(text: str, mentions: Sequence[tuple[int, int, str]], target: str | None) -> str:
    """`text` with the vendor names at `mentions` ((start, end, vendor) spans) replaced by TARGET or OTHER for
    `target` (a vendor key, or None for a statement about no vendor)."""
    pieces, at = [], 0
    named = False
    for start, end, vendor in sorted(mentions):
        if start < at:
            continue
        pieces.append(text[at:start])
        pieces.append(TARGET if target is not None and vendor == target else OTHER)
        named |= vendor == target
        at = end
    pieces.append(text[at:])
    out = "".join(pieces)
    if target is None:
        return out
    you = YOU.search(out) is not None
    if you:
        out = YOU.sub(TARGET if target == US else OTHER, out)
    if not named and not (you and target == US):
        out = THEY.sub(TARGET, out)
    return out


def aspect(theme: str, marked: str) -> str:
    """What the polarity model reads: the theme judged, then the marked text ("price: zzother was cheaper"), so
    that a turn praising one thing and criticising another about the same vendor is read per theme, then the sides
    the target takes in its comparisons, then every word again tagged with the theme ("zzpricemore"). A word can
    judge one way for one theme and the other way for another ("more" is bad said of price, good said of features);
    the tagged copies let the linear model learn that where the labelled data shows it, and fall back on the shared
    word where it does not. Polarity 0.707 -> 0.737 on the development set, 0.673 -> 0.691 on eval/holdout."""
    extra = sides(marked, price=theme in PRICE_THEMES)
    read = f"{marked} {extra}" if extra else marked
    tag = "zz" + theme.replace("_", "")
    tagged = " ".join(tag + word for word in TOKEN.findall(read.lower()))
    return f"{theme.replace('_', ' ')}: {read} {tagged}"


# A comparison: "more/less X than", "-er than", or a common comparative on its own ("Northwind was cheaper.").
COMPARISON = re.compile(
    r"\b(?:(more|less)\s+(\w+)(?=\s+than\b)|(\w{3,}er)(?=\s+than\b)|(cheaper|pricier|better|worse|faster|slower|"
    r"easier|harder|higher|lower|bigger|smaller|stronger|weaker|simpler|clunkier|nicer|ahead|behind|quicker|cleaner|"
    r"longer|shorter))\b", re.IGNORECASE)
NOT_COMPARATIVE = frozenset("other never over under after either neither whether rather together number order customer "
                            "partner user paper ever however whatever later manager another offer provider vendor "
                            "answer matter quarter member center water letter summer winter transfer register server "
                            "power tier".split())
MARK = re.compile(rf"{TARGET}|{OTHER}")
THAN_MARK = re.compile(rf"\s+than\s+(?:\w+\s+){{0,2}}?({TARGET}|{OTHER})")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# Said of price or terms, "more"/"less" with an amount or than a vendor ("twelve percent more than Blue Otter", "cost a
# third less", "more than Northwind") and a superlative ("the highest") also tell which way the money went; they are
# read as "pricier" or "cheaper". A bare "more than" is not ("more than fair"), nor "more or less" and "no more than".
PRICE_THEMES = frozenset({"price", "commercial_terms"})
AMOUNT = r"(?:percent|%|third|thirds|half|quarter|much|far|way|bit|lot|little|slightly|significantly|considerably)"
PRICE_COMPARISON = re.compile(
    rf"\b(?:{AMOUNT}\s+(more|less)(?=\s+than\b)|(?<!\bno\s)(more|less)(?=\s+than\s+(?:\w+\s+){{0,2}}?(?:{TARGET}|{OTHER})\b)|"
    r"(?:costs?|charged?|priced)\s+(?:\w+\s+){0,3}?(?<!\bno\s)(?<!\bor\s)(more|less)\b"
    r"(?!\s+or\b)|(?:the\s+)?(most\s+expensive|highest|priciest|dearest|cheapest|lowest|least\s+expensive)\b)",
    re.IGNORECASE)
# "The cheapest was zztarget": a superlative's subject may come after it.
SUPERLATIVE_SUBJECT = re.compile(rf"(?:\s+\w+){{0,3}}?\s+(?:was|were|is|came from|from)\s+({TARGET}|{OTHER})")
DEARER = frozenset({"more", "moreexpensive", "morecostly", "higher", "pricier", "dearer", "costlier", "steeper",
                    "mostexpensive", "highest", "priciest", "dearest"})
CHEAPER = frozenset({"less", "lessexpensive", "lesscostly", "lower", "cheaper", "cheapest", "lowest",
                     "leastexpensive"})


def sides(marked: str, price: bool = False) -> str:
    """For each comparison in marked text whose sides are marked, "zzsubj<word>" when the target is its subject
    ("zztarget was cheaper", "cheaper than zzother") and "zzobj<word>" when the target is what it is compared with;
    with `price`, also the comparisons of PRICE_COMPARISON, and every comparison of price as "pricier" or "cheaper"."""
    out = []
    for sentence in SENTENCE_END.split(marked):
        found = [(m.start(), m.end(), (f"{m[1]}{m[2]}" if m[1] else m[3] or m[4]).lower())
                 for m in COMPARISON.finditer(sentence)]
        if price:
            found += [(m.start(), m.end(), "".join((m[1] or m[2] or m[3] or m[4]).lower().split()))
                      for m in PRICE_COMPARISON.finditer(sentence)]
        for start, end, word in found:
            superlative = word.endswith("est") or word in ("mostexpensive", "leastexpensive")
            if price:
                word = "pricier" if word in DEARER else "cheaper" if word in CHEAPER else word
            if word in NOT_COMPARATIVE or word.startswith("zz"):
                continue
            before = MARK.findall(sentence, 0, start)
            than = THAN_MARK.match(sentence, end)
            after = SUPERLATIVE_SUBJECT.match(sentence, end) if superlative else None
            if after:
                subject = after.group(1) == TARGET
            elif before:
                subject = before[-1] == TARGET
            elif than:
                subject = than.group(1) == OTHER
            else:
                continue
            out.append(f"zz{'subj' if subject else 'obj'}{word}")
    return " ".join(out)


PLACEHOLDER = re.compile(r"\{(US|COMP2|COMP)\}(?:'s)?")


def placeholder_mentions(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Corpus text with {US}/{COMP}/{COMP2} placeholders: the same text with the placeholders as mention spans
    (vendor keys "us", "COMP", "COMP2"), for `mark_target`."""
    mentions = []
    for match in PLACEHOLDER.finditer(text):
        key = match.group(1)
        mentions.append((match.start(), match.end(), US if key == "US" else key))
    return text, mentions
