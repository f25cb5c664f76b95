"""Run the coding engine on an interview and keep its result in tables later pages can query."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from winloss.analysis import CodedInterview, Coder, TranscriptError, read_transcript
from winloss.analysis.guide import INTERVIEWER, answers_transcript
from winloss.deals.models import Competitor
from winloss.interviews.corrections import coding_classifier
from winloss.interviews.models import (
    Code,
    CompetitorMention,
    GuideVersion,
    Interview,
    Quote,
    Stage,
    StageError,
    Statement,
    Turn,
)
from winloss.program.models import ProgramSettings


def code_interview(interview: Interview) -> Interview:
    """Code the interview's transcript (or, without one, the notes or survey answers given to the guide's
    questions) and replace any earlier coding, in one transaction."""
    outcome = interview.deal.outcome if interview.deal.outcome != "open" else None
    program = ProgramSettings.current()
    interviewer = interview.interviewer_name or None
    if interview.transcript_path:
        try:
            transcript = read_transcript(Path(interview.transcript_path))
        except TranscriptError as error:
            error.path = interview.transcript_name
            Interview.objects.filter(pk=interview.pk).update(status=Interview.Status.FAILED, error=str(error))
            interview.refresh_from_db()
            return interview
    else:
        guide = (interview.guide_version or GuideVersion.current()).guide
        answers = dict(interview.answers.values_list("question", "text"))
        transcript = answers_transcript(guide, answers, outcome, company=program.company or "us")
        interviewer = INTERVIEWER
    coder = Coder(program.as_program(), classifier=coding_classifier())
    coded = coder.code(transcript, interviewer=interviewer, outcome=outcome)
    try:
        with transaction.atomic():
            store(interview, coded)
    except StageError as error:  # the interview was declined or opted out while it was being coded
        Interview.objects.filter(pk=interview.pk).update(status=Interview.Status.FAILED, error=str(error))
        interview.refresh_from_db()
    return interview


def store(interview: Interview, coded: CodedInterview) -> None:
    interview.turns.all().delete()
    interview.quotes.all().delete()
    interview.competitor_mentions.all().delete()
    competitors = dict(Competitor.objects.values_list("name", "pk"))
    turns = Turn.objects.bulk_create(
        Turn(interview=interview, index=t.index, speaker=t.speaker, role=t.role, start=t.start, text=t.text)
        for t in coded.turns
    )
    by_index = {t.index: t for t in turns}
    for coded_turn in coded.turns:
        statements: dict[tuple[int, int], Statement] = {}
        for code in coded_turn.codes:
            if code.span not in statements:
                statements[code.span] = Statement.objects.create(
                    turn=by_index[coded_turn.index], start=code.span[0], end=code.span[1], text=code.excerpt)
            Code.objects.create(statement=statements[code.span], theme=code.theme, polarity=code.polarity,
                                vendor=code.vendor or "", competitor_id=competitors.get(code.vendor or ""),
                                confidence=code.confidence)
    interview.refresh_coded_themes()
    Quote.objects.bulk_create(Quote(interview=interview, turn=by_index[q.turn], theme=q.theme, text=q.text,
                                    redacted=q.redacted) for q in coded.quotes)
    CompetitorMention.objects.bulk_create(
        CompetitorMention(interview=interview, competitor_id=competitors[c["name"]], mentions=c["mentions"])
        for c in coded.competitors if c["name"] in competitors
    )
    interview.format = coded.format
    interview.primary_reasons = interview.engine_reasons = coded.primary_reasons
    interview.status = Interview.Status.CODED
    interview.error = ""
    interview.coded_at = timezone.now()
    interview.reviewed_at = interview.reviewed_by = None  # new coding has not been reviewed
    interview.save(update_fields=["format", "primary_reasons", "engine_reasons", "status", "error", "coded_at",
                                  "reviewed_at", "reviewed_by"])
    interview.refresh_from_db(fields=["stage"])  # coding took a while; the stage may have moved meanwhile
    if interview.stage not in (Stage.COMPLETED, Stage.CODED):
        interview.move(Stage.COMPLETED, note="Transcript received")
    interview.move(Stage.CODED)
