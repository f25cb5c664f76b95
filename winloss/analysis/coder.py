"""Code a transcript: buyer statements -> themes, polarity, vendor; then reasons, competitors, quotes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np

from winloss.analysis.classify import Classifier
from winloss.analysis.codebook import POLARITIES
from winloss.analysis.embed import Embedder, shared_embedder
from winloss.analysis.program import US, Program, VendorMatcher
from winloss.analysis.quotes import choose_quotes
from winloss.analysis.reasons import primary_reasons
from winloss.analysis.redact import names_from_labels, names_in_text, redact
from winloss.analysis.text import common_words, sentence_spans, word_count
from winloss.analysis.train import model_input
from winloss.analysis.transcripts import Transcript
from winloss.analysis.transcripts.roles import assign_roles

MAX_THEMES_PER_TURN = 4
TURN_WEIGHT = 1.0  # how much the whole-turn reading counts against the best sentence's
TURN_POLARITY = 0.3  # share of a sentence's polarity taken from its whole turn
CARRIER_SHARE = 0.8  # a sentence carries a turn's theme when it scores this share of the threshold
SHORT_ANSWER_WORDS = 10  # a statement this short is read together with the question before it
# "you" addressed to our interviewer means us; "you know", "you see", "you mean" are fillers.
YOU = re.compile(r"\b(?:you|your|yours|you guys|y'all)\b(?! know\b| see\b| mean\b)", re.IGNORECASE)
THEY = re.compile(r"\b(?:they|their|theirs|them|they're|they'd|they've|they'll)\b", re.IGNORECASE)
# A comparison with one side named implies the other: us when a rival is named, else the rival last named.
COMPARATIVE = re.compile(
    r"\b(?:\w+er than|cheaper|pricier|less|more expensive|better|worse|faster|slower|easier|harder|stronger|"
    r"weaker|simpler|clunkier|nicer|ahead of|behind|a third|half the|twice)\b", re.IGNORECASE)
OPPOSITE = {"positive": "negative", "negative": "positive", "neutral": "neutral"}
# With the deal's outcome known, what buyers say about the winner leans positive and about the losers negative.
OUTCOME_LEAN = 2.0


@dataclass
class Code:
    theme: str
    polarity: str
    vendor: str | None
    confidence: float
    excerpt: str
    span: tuple[int, int]


@dataclass
class CodedTurn:
    index: int
    speaker: str
    role: str
    start: float | None
    text: str
    codes: list[Code] = field(default_factory=list)


@dataclass
class Quote:
    turn: int
    theme: str
    text: str
    redacted: str


@dataclass
class CodedInterview:
    format: str
    turns: list[CodedTurn]
    primary_reasons: list[str]
    competitors: list[dict[str, object]]
    quotes: list[Quote]

    def as_dict(self) -> dict[str, object]:
        """The `winloss code --json` contract."""
        return {
            "format": self.format,
            "turns": [
                {"index": t.index, "speaker": t.speaker, "role": t.role, "start": t.start, "text": t.text,
                 "codes": [{**asdict(c), "confidence": round(c.confidence, 2), "span": list(c.span)}
                           for c in t.codes]}
                for t in self.turns
            ],
            "primary_reasons": self.primary_reasons,
            "competitors": self.competitors,
            "quotes": [asdict(q) for q in self.quotes],
        }


@dataclass
class _Statement:
    turn: int
    span: tuple[int, int]
    text: str
    context: str
    mentions: list[str]  # vendors named in the statement, in order
    topic: str | None  # vendor under discussion before this statement
    rival: str | None  # the competitor named last before this statement
    question: str = ""  # the interviewer's last sentence before this turn
    codes: list[Code] = field(default_factory=list)


class Coder:
    """Codes transcripts for one program. Load once; coding a transcript is then fast."""

    def __init__(self, program: Program, classifier: Classifier | None = None, embedder: Embedder | None = None):
        self.program = program
        self.classifier = classifier or Classifier.load()
        self.embedder = embedder or shared_embedder()
        self.matcher = VendorMatcher(program, common_words())

    def code(self, transcript: Transcript, interviewer: str | None = None, outcome: str | None = None
             ) -> CodedInterview:
        """Code one interview. `outcome` (won, lost, no_decision), when the CRM says it, informs polarity and
        primary reasons."""
        roles = assign_roles(transcript, interviewer=interviewer, known_interviewers=self.program.interviewers)
        turns = [CodedTurn(t.index, t.speaker, roles.get(t.speaker, "buyer"), t.start, t.text)
                 for t in transcript.turns]
        statements = self._statements(turns)
        self._classify(statements, outcome)
        for statement in statements:
            turns[statement.turn].codes.extend(statement.codes)
        for turn in turns:
            turn.codes = _merge_turn_codes(turn.codes)
        names = self._names(turns)
        protected = [n for names_ in self.program.vendor_names().values() for n in names_]
        return CodedInterview(
            format=transcript.format,
            turns=turns,
            primary_reasons=primary_reasons(turns, outcome),
            competitors=self._competitors(turns),
            quotes=choose_quotes(turns, lambda text: redact(text, names, protected)),
        )

    def _statements(self, turns: list[CodedTurn]) -> list[_Statement]:
        out: list[_Statement] = []
        topic: str | None = None
        rival: str | None = None
        question = ""
        for turn in turns:
            for n, (start, end) in enumerate(sentence_spans(turn.text)):
                sentence = turn.text[start:end]
                mentions = list(dict.fromkeys(m.vendor for m in self.matcher.find(sentence)))
                if turn.role == "buyer":
                    short = n == 0 and word_count(sentence) <= SHORT_ANSWER_WORDS
                    out.append(_Statement(turn.index, (start, end), sentence, question if short else "", mentions,
                                          topic, rival, question))
                if mentions:
                    topic = mentions[-1]
                    rival = next((v for v in reversed(mentions) if v != US), rival)
            if turn.role != "buyer":
                spans = sentence_spans(turn.text)
                question = turn.text[spans[-1][0]:spans[-1][1]] if spans else ""
        return out

    def _classify(self, statements: list[_Statement], outcome: str | None) -> None:
        """Themes are decided per turn, from its sentences and from the turn read whole (with the question it
        answers), then placed on the sentences that carry them."""
        if not statements:
            return
        by_turn: dict[int, list[int]] = {}
        for i, statement in enumerate(statements):
            by_turn.setdefault(statement.turn, []).append(i)
        inputs = [model_input(s.text, s.context) for s in statements]
        sentence_vectors = self.embedder.embed(inputs)
        # A turn read whole: the mean of its sentences' vectors, which costs nothing more to compute and,
        # unlike embedding the turn's text, is not cut off after the model's 256 tokens.
        turn_vectors = np.array([sentence_vectors[idx].mean(axis=0) for idx in by_turn.values()])
        turn_vectors /= np.clip(np.linalg.norm(turn_vectors, axis=1, keepdims=True), 1e-12, None)
        turn_texts = [" ".join(inputs[i] for i in idx) for idx in by_turn.values()]
        turn_features = self.classifier.features(turn_texts, turn_vectors)
        turn_probs = self.classifier.theme_probabilities(turn_features)
        turn_polarity = self.classifier.polarity_probabilities(turn_features)
        sentence_features = self.classifier.features(inputs, sentence_vectors)
        sentence_probs = self.classifier.theme_probabilities(sentence_features)
        polarity_probs = self.classifier.polarity_probabilities(sentence_features)
        thresholds = self.classifier.thresholds
        for t, (idx, whole) in enumerate(zip(by_turn.values(), turn_probs, strict=True)):
            for i in idx:  # a sentence's polarity is read partly from the turn it sits in
                polarity_probs[i] = (1 - TURN_POLARITY) * polarity_probs[i] + TURN_POLARITY * turn_polarity[t]
            parts = sentence_probs[idx]
            scores = np.maximum(parts.max(axis=0), TURN_WEIGHT * whole)
            chosen = [k for k in np.argsort(-scores)[:MAX_THEMES_PER_TURN] if scores[k] >= thresholds[k]]
            for k in chosen:
                carriers = [idx[j] for j in range(len(idx)) if parts[j, k] >= CARRIER_SHARE * thresholds[k]]
                for i in carriers or [idx[int(np.argmax(parts[:, k]))]]:
                    self._code_statement(statements[i], self.classifier.themes[k], polarity_probs[i],
                                         float(scores[k]), outcome)

    def _code_statement(self, statement: _Statement, theme: str, polarities: np.ndarray, score: float,
                        outcome: str | None) -> None:
        vendors = self._vendors(statement, theme)
        weighted = polarities * _outcome_prior(vendors[0], outcome)
        polarity = POLARITIES[int(np.argmax(weighted))]
        confidence = score * float(polarities.max())
        statement.codes.append(Code(theme, polarity, vendors[0], confidence, statement.text, statement.span))
        for vendor in vendors[1:]:  # a comparative: what favoured the first vendor counted against the others
            statement.codes.append(Code(theme, OPPOSITE[polarity], vendor, confidence, statement.text,
                                        statement.span))

    def _vendors(self, statement: _Statement, theme: str) -> list[str | None]:
        """Who a coded statement is about: the vendors it names; else "you" (us); else the vendor under
        discussion, which carries across sentences and turns until another is named; else none."""
        if theme == "buyer_context":
            return [None]
        if statement.mentions:
            named = list(statement.mentions)
            if len(named) == 1 and COMPARATIVE.search(statement.text):  # "MQ was about a third less"
                other = statement.rival if named[0] == US else US
                if other and other != named[0] and (other != US or US in self.program.vendor_names()):
                    named.append(other)
            return named
        if YOU.search(statement.text) and US in self.program.vendor_names():
            return [US]
        return [statement.topic]

    def _competitors(self, turns: list[CodedTurn]) -> list[dict[str, object]]:
        counts: Counter[str] = Counter()
        for turn in turns:
            counts.update(m.vendor for m in self.matcher.find(turn.text) if m.vendor != US)
        return [{"name": name, "mentions": n} for name, n in counts.most_common()]

    def _names(self, turns: list[CodedTurn]) -> set[str]:
        protected = [n for names in self.program.vendor_names().values() for n in names]
        return names_from_labels({t.speaker for t in turns}) | names_in_text(
            [t.text for t in turns], protected, common_words())


def _outcome_prior(vendor: str | None, outcome: str | None) -> np.ndarray:
    """Weights for (positive, negative, neutral) given who the statement is about and how the deal ended."""
    if vendor is None or outcome not in ("won", "lost", "no_decision"):
        return np.ones(3)
    favoured = "positive" if (vendor == US) == (outcome == "won") else "negative"
    if outcome == "no_decision" and vendor != US:
        return np.ones(3)
    return np.array([OUTCOME_LEAN if p == favoured else 1.0 for p in POLARITIES])


def _merge_turn_codes(codes: list[Code]) -> list[Code]:
    """One code per (theme, vendor) in a turn; praise and criticism of one vendor on one theme is neutral."""
    merged: dict[tuple[str, str | None], Code] = {}
    for code in codes:
        key = (code.theme, code.vendor)
        if key not in merged:
            merged[key] = code
            continue
        kept = merged[key]
        polarity = kept.polarity if kept.polarity == code.polarity else (
            "neutral" if {kept.polarity, code.polarity} == {"positive", "negative"} else
            (kept.polarity if kept.polarity != "neutral" else code.polarity))
        best = kept if kept.confidence >= code.confidence else code
        merged[key] = Code(code.theme, polarity, code.vendor, best.confidence, best.excerpt, best.span)
    return list(merged.values())
