"""Background coding of uploaded transcripts, and retraining with analysts' corrections, run by `winloss worker`."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from winloss.interviews.coding import code_interview
from winloss.interviews.corrections import retrain
from winloss.interviews.models import Interview


@task()
def code_interview_task(interview_id: int) -> str | None:
    """Claim the interview (so two workers never code it twice), then code it."""
    claimed = Interview.objects.filter(pk=interview_id, status=Interview.Status.PENDING).update(
        status=Interview.Status.CODING)
    if not claimed:
        return None
    try:
        return code_interview(Interview.objects.get(pk=interview_id)).status
    except Exception as error:
        Interview.objects.filter(pk=interview_id).update(status=Interview.Status.FAILED,
                                                         error=f"internal error: {error}")
        raise


@task()
def retrain_task(corpus_dir: str | None = None) -> dict:
    """Retrain the classifier with the analysts' corrections (see corrections.retrain); what it was trained on."""
    return retrain(Path(corpus_dir) if corpus_dir else None).info
