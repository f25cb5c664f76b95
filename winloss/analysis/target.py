"""Target-aware polarity input: the statement rewritten so that the vendor it is judged for stands out.

Polarity is about a vendor ("Northwind was cheaper than you" is positive for Northwind, negative for us), so the
polarity model reads the statement with the vendor being judged written as `zztarget` and every other vendor as
`zzother`. "You"/"your" is us (the target when we are judged, the other side when a rival is); "they"/"their" is
the target when the target is not named in the statement, as when the vendor under discussion carries over.
The word view then learns "zzother was cheaper" (bad for the target) apart from "zztarget was cheaper".
The same rewriting is used in training (corpus placeholders) and in coding (names found by the program's matcher).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    that a turn praising one thing and criticising another about the same vendor is read per theme."""
    return f"{theme.replace('_', ' ')}: {marked}"


PLACEHOLDER = re.compile(r"\{(US|COMP2|COMP)\}(?:'s)?")


def placeholder_mentions(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Corpus text with {US}/{COMP}/{COMP2} placeholders: the same text with the placeholders as mention spans
    (vendor keys "us", "COMP", "COMP2"), for `mark_target`."""
    mentions = []
    for match in PLACEHOLDER.finditer(text):
        key = match.group(1)
        mentions.append((match.start(), match.end(), US if key == "US" else key))
    return text, mentions
