"""An analyst's review of an interview's coding. Each change is made in one transaction with the ReviewEvent that
records it (and, for a change to the codes, with the interview's `coded_themes` refreshed). The engine's codes are
never edited: rejecting one sets its flag, changing one rejects it and adds the analyst's code in its place."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from winloss.analysis.codebook import POLARITIES, load_codebook
from winloss.analysis.redact import names_from_labels, names_in_text, redact
from winloss.analysis.text import common_words
from winloss.deals.models import Competitor
from winloss.interviews.models import Code, Interview, Quote, ReviewEvent, Statement, Turn
from winloss.program.models import ProgramSettings
from winloss.stats.agreement import Agreement, ReviewedReasons, ReviewedStatement, coding_agreement

MAX_REASONS = 3
Action = ReviewEvent.Action


class ReviewError(ValueError):
    """A review change that cannot be made; the message says why."""


def vendor_choices() -> list[tuple[str, str]]:
    """What a code's vendor may be: us, one of the competitors, or none."""
    company = ProgramSettings.current().company or "Us"
    return [("us", company), *((c, c) for c in Competitor.objects.values_list("name", flat=True)), ("", "None")]


def accept(code: Code, by: object) -> ReviewEvent:
    """Confirm a code (or take back its rejection)."""
    return _set(code, by, Action.ACCEPT, accepted=True, rejected=False)


def reject(code: Code, by: object) -> ReviewEvent:
    return _set(code, by, Action.REJECT, accepted=False, rejected=True)


def _set(code: Code, by: object, action: str, **flags: bool) -> ReviewEvent:
    with transaction.atomic():
        before = code.as_dict()
        for name, value in flags.items():
            setattr(code, name, value)
        code.save(update_fields=list(flags))
        interview = code.statement.turn.interview
        interview.refresh_coded_themes()
        return _event(interview, by, action, code=code, before=before, after=code.as_dict())


def change(code: Code, by: object, *, theme: str, polarity: str, vendor: str) -> Code:
    """Reject the code and put the analyst's in its place, on the same statement; one event records both."""
    with transaction.atomic():
        before = code.as_dict()
        new = _new_code(code.statement, theme, polarity, vendor)
        code.rejected, code.accepted = True, False
        code.save(update_fields=["rejected", "accepted"])
        interview = code.statement.turn.interview
        interview.refresh_coded_themes()
        _event(interview, by, Action.CHANGE, code=code, before=before, after={**new.as_dict(), "replaces": code.pk})
    return new


def add_code(turn: Turn, start: int, end: int, by: object, *, theme: str, polarity: str, vendor: str) -> Code:
    """Code a passage of a buyer turn (character offsets into its text): on the statement with exactly that span,
    or on a new one."""
    start, end = _span(turn, start, end)
    with transaction.atomic():
        statement, _ = Statement.objects.get_or_create(turn=turn, start=start, end=end,
                                                       defaults={"text": turn.text[start:end]})
        code = _new_code(statement, theme, polarity, vendor)
        turn.interview.refresh_coded_themes()
        _event(turn.interview, by, Action.ADD, code=code,
               after={**code.as_dict(), "turn": turn.index, "start": start, "end": end, "text": statement.text})
    return code


def _new_code(statement: Statement, theme: str, polarity: str, vendor: str) -> Code:
    _check_theme(theme)
    if polarity not in POLARITIES:
        raise ReviewError(f"Polarity must be one of {', '.join(POLARITIES)}.")
    if vendor not in dict(vendor_choices()):
        raise ReviewError(f"{vendor!r} is not us, a known competitor or none.")
    competitor = Competitor.objects.filter(name=vendor).first() if vendor not in ("", "us") else None
    return Code.objects.create(statement=statement, origin=Code.Origin.ANALYST, theme=theme, polarity=polarity,
                               vendor=vendor, competitor=competitor, confidence=1.0, accepted=True)


def set_reasons(interview: Interview, themes: list[str], by: object) -> ReviewEvent:
    """The primary reasons, most decisive first: one to three themes."""
    themes = list(dict.fromkeys(t for t in themes if t))
    if not 1 <= len(themes) <= MAX_REASONS:
        raise ReviewError(f"Choose one to {MAX_REASONS} primary reasons.")
    for theme in themes:
        _check_theme(theme)
    with transaction.atomic():
        before = interview.primary_reasons
        interview.primary_reasons = themes
        interview.save(update_fields=["primary_reasons"])
        return _event(interview, by, Action.REASONS, before={"reasons": before}, after={"reasons": themes})


def choose_quote(quote: Quote, by: object) -> ReviewEvent:
    return _set_quote(quote, by, Action.QUOTE_CHOOSE, chosen=True, dropped=False)


def drop_quote(quote: Quote, by: object) -> ReviewEvent:
    return _set_quote(quote, by, Action.QUOTE_DROP, chosen=False, dropped=True)


def _set_quote(quote: Quote, by: object, action: str, **flags: bool) -> ReviewEvent:
    with transaction.atomic():
        before = quote.as_dict()
        for name, value in flags.items():
            setattr(quote, name, value)
        quote.save(update_fields=list(flags))
        return _event(quote.interview, by, action, quote=quote, before=before, after=quote.as_dict())


def add_quote(turn: Turn, start: int, end: int, by: object, *, theme: str) -> Quote:
    """Make a quote of a passage of a buyer turn, redacted as the engine redacts: people's names found in the
    interview's speaker labels and text give way to a placeholder, company names stay."""
    _check_theme(theme)
    start, end = _span(turn, start, end)
    interview = turn.interview
    text = turn.text[start:end]
    with transaction.atomic():
        quote = Quote.objects.create(interview=interview, turn=turn, theme=theme, text=text,
                                     redacted=redact(text, *_names(interview)), origin=Code.Origin.ANALYST,
                                     chosen=True)
        _event(interview, by, Action.QUOTE_ADD, quote=quote, after={**quote.as_dict(), "turn": turn.index})
    return quote


def _names(interview: Interview) -> tuple[set[str], list[str]]:
    """People's names to redact and company names to keep, as the coder finds them."""
    program = ProgramSettings.current().as_program()
    protected = [n for names in program.vendor_names().values() for n in names]
    turns = list(interview.turns.values_list("speaker", "text"))
    names = names_from_labels({s for s, _ in turns}) | names_in_text([t for _, t in turns], protected,
                                                                      common_words())
    return names, protected


def mark_reviewed(interview: Interview, by: object) -> ReviewEvent:
    with transaction.atomic():
        interview.reviewed_at, interview.reviewed_by = timezone.now(), by
        interview.save(update_fields=["reviewed_at", "reviewed_by"])
        return _event(interview, by, Action.REVIEWED, after={"reviewed_at": interview.reviewed_at.isoformat()})


def agreement() -> Agreement:
    """How far the engine's coding agrees with the analysts', over the interviews reviewed."""
    reviewed = Interview.objects.filter(reviewed_at__isnull=False)
    statements = []
    for statement in Statement.objects.filter(turn__interview__in=reviewed).select_related("turn").prefetch_related(
            "codes"):
        codes = list(statement.codes.all())
        statements.append(ReviewedStatement(
            statement.turn.interview_id,
            frozenset((c.theme, c.polarity, c.vendor) for c in codes if c.origin == Code.Origin.ENGINE),
            frozenset((c.theme, c.polarity, c.vendor) for c in codes if not c.rejected)))
    reasons = [ReviewedReasons(tuple(engine), tuple(final))
               for engine, final in reviewed.values_list("engine_reasons", "primary_reasons")]
    return coding_agreement(statements, reasons, load_codebook().ids)


def _span(turn: Turn, start: int, end: int) -> tuple[int, int]:
    """The span of a buyer turn's text, without the spaces at its ends."""
    if turn.role != "buyer":
        raise ReviewError("Only what a buyer said is coded.")
    if not 0 <= start < end <= len(turn.text):
        raise ReviewError(f"The passage {start}-{end} is not within the turn (0-{len(turn.text)}).")
    text = turn.text[start:end]
    if not text.strip():
        raise ReviewError("The passage is empty.")
    return start + len(text) - len(text.lstrip()), end - len(text) + len(text.rstrip())


def _check_theme(theme: str) -> None:
    if theme not in load_codebook().ids:
        raise ReviewError(f"{theme!r} is not a theme of the codebook.")


def _event(interview: Interview, by: object, action: str, **fields: object) -> ReviewEvent:
    return ReviewEvent.objects.create(interview=interview, by=by, action=action, **fields)
