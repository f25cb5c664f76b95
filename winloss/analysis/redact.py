"""Find people's names in a transcript and replace them, keeping company and product names.

Without a named-entity model (none ships on PyPI for offline use), names are found from what a
transcript gives away: speaker labels, words after an honorific, and capitalised words in the middle of
a sentence that are not company, product, calendar or place words. Every occurrence of a name found
anywhere is then redacted everywhere, including at the start of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PLACEHOLDER = "[name]"
HONORIFICS = {"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "coach", "judge", "rev"}
CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "christmas", "easter", "thanksgiving", "q1", "q2", "q3", "q4",
}
# Capitalised words buyers use mid-sentence that are not people.
NOT_PEOPLE = CALENDAR | HONORIFICS | {
    "ha", "hah", "haha", "oh", "um", "uh", "hmm", "yeah", "yes", "no", "hi", "hey", "hello", "mm", "wow",
    "macs", "pc", "pcs",
    "i", "i'm", "i'd", "i've", "i'll", "ok", "okay", "god", "english", "french", "german", "spanish",
    "american", "british", "european", "canadian", "australian", "indian", "chinese", "japanese", "internet",
    "excel", "word", "powerpoint", "outlook", "office", "teams", "zoom", "slack", "google", "gmail", "microsoft",
    "apple", "iphone", "ipad", "android", "windows", "mac", "linux", "salesforce", "hubspot", "workday", "sap",
    "oracle", "netsuite", "quickbooks", "xero", "jira", "confluence", "okta", "azure", "aws", "amazon",
    "shopify", "stripe", "zendesk", "servicenow", "tableau", "snowflake", "dropbox", "box", "docusign",
    "linkedin", "gartner", "forrester", "g2", "capterra", "reddit", "youtube", "sso", "saml", "api", "crm",
    "erp", "soc", "hipaa", "gdpr", "iso", "ferpa", "ceo", "cfo", "cio", "cto", "coo", "vp", "it", "hr", "rfp",
    "board", "state", "federal", "north", "south", "east", "west", "europe", "asia", "africa", "america",
    "uk", "us", "usa", "eu", "london", "paris", "berlin", "new", "york", "california", "texas", "chicago",
}
ORG_SUFFIXES = {
    "inc", "llc", "ltd", "plc", "gmbh", "corp", "corporation", "company", "co", "group", "partners",
    "architects", "associates", "bank", "hospital", "clinic", "health", "healthcare", "systems", "networks",
    "technologies", "technology", "software", "solutions", "labs", "consulting", "research", "analytics",
    "logistics", "insurance", "capital", "holdings", "unified", "district", "school", "schools", "university",
    "college", "academy", "institute", "foundation", "council", "county", "city", "agency", "studio",
    "studios", "cloud", "lms", "it", "services", "foods", "energy", "pharma", "media", "realty", "motors",
}
# Letters of any script ("Zoë", "Sørlie"), with inner apostrophes or hyphens ("O'Brien") but not a final "'s".
WORD = re.compile(r"\b[^\W\d_]+(?:['’-](?!s\b)[^\W\d_]+)*\b")
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|[\"“(]\s*)$")
# After a sentence-initial word, what shows it is a person: "Jamal, our privacy officer", "Anh told us"
ROLE_AFTER = re.compile(r"^,\s+(?:our|my|the|their|his|her|who|from|a|an)\b")
VERB_AFTER = re.compile(
    r"^['’]s\s+(?:our|my|the|their|his|her|a|an|been|got|in|on|at|now|always|never)\b|"
    r"^\s+(?:[a-z]+ed|told|said|says|asked|asks|thinks|thought|wants|felt|rang|found|ran|left|was|is|had|has|"
    r"and\s+I|reckons|did|does|always|never|just|also|came|went|got|gave|made|sent|took|kept|put|wrote|knew|"
    r"in\s+our|from\s+our|at\s+our|on\s+our|who|and\s+me|basically|actually|really|still)\b"
)
LABEL_NOISE = re.compile(r"\(.*?\)|['’]s\s+\w+$|\b(?:iPad|iPhone|Phone|Laptop|PC|Guest)\b")


def names_from_labels(labels: Iterable[str]) -> set[str]:
    """'Arjun Mehta (Lochside)' -> {'Arjun Mehta', 'Arjun', 'Mehta'}; "Kirsty's iPad" -> {'Kirsty'}."""
    names: set[str] = set()
    for label in labels:
        clean = " ".join(LABEL_NOISE.sub(" ", label).split())
        if clean.isupper():  # "DENISE HOLLOWAY" in an SRT is "Denise Holloway" in the text
            clean = clean.title()
        if not clean or clean.lower().startswith(("speaker", "unknown")):
            continue
        parts = [p for p in clean.split() if p[:1].isupper() and p.rstrip(".").lower() not in HONORIFICS]
        if parts:
            names.add(" ".join(parts))
            names.update(p for p in parts if len(p) > 1)
    return names


def names_in_text(texts: Iterable[str], protected: Iterable[str] = (),
                  common: frozenset[str] = frozenset()) -> set[str]:
    """Capitalised words that look like people: mid-sentence, after an honorific, or at the start of a
    sentence when followed by a role ("Jamal, our privacy officer") or, for an uncommon word, a verb."""
    shielded = [re.compile(rf"\b{re.escape(p)}\b", re.IGNORECASE) for p in protected if p]
    texts = list(texts)
    # A word a speaker also writes in lower case is an ordinary word; a name never is.
    lowercase = {w for text in texts for w in re.findall(r"\b[a-z][a-z'’-]+\b", text)}
    names: set[str] = set()
    for text in texts:
        blocked = _protected_spans(text, shielded)
        for match in WORD.finditer(text):
            word = match.group()
            if not (word[0].isupper() and word[1:2].islower()):  # capitalised, and not an acronym
                continue
            if any(s <= match.start() < e for s, e in blocked) or re.split(r"[-'’]", word.lower())[0] in NOT_PEOPLE:
                continue
            before = text[:match.start()]
            after_honorific = re.search(r"\b([A-Za-z]+)\.?\s+$", before)
            if after_honorific and after_honorific.group(1).lower() in HONORIFICS:
                names.add(word)
            elif not SENTENCE_START.search(before):
                names.add(word)
            elif ROLE_AFTER.match(text[match.end():]) or (
                (word.lower() not in common or word.lower() not in lowercase) and VERB_AFTER.match(text[match.end():])
            ):
                names.add(word)
    return names


def _protected_spans(text: str, shielded: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    spans = [m.span() for pattern in shielded for m in pattern.finditer(text)]
    # "Lindqvist Moran Architects", "Pine Hollow Unified": capitalised runs ending in an organisation word
    for run in re.finditer(r"(?:[A-Z][\w&'’.-]*\s+){0,4}[A-Z][\w&'’.-]*", text):
        if run.group().split()[-1].strip(".,").lower() in ORG_SUFFIXES:
            spans.append(run.span())
    return spans


def redact(text: str, names: Iterable[str], protected: Iterable[str] = ()) -> str:
    """Replace every whole-word occurrence of each name with [name], leaving protected names alone."""
    shielded = [re.compile(rf"\b{re.escape(p)}\b", re.IGNORECASE) for p in protected if p]
    blocked = _protected_spans(text, shielded)
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    if not ordered:
        return text
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in ordered) + r")\b")

    def swap(match: re.Match[str]) -> str:
        return match.group() if any(s <= match.start() < e for s, e in blocked) else PLACEHOLDER

    out = pattern.sub(swap, text)
    return re.sub(rf"{re.escape(PLACEHOLDER)}(?:\s+{re.escape(PLACEHOLDER)})+", PLACEHOLDER, out)
