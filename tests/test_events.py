"""Every history table is append-only: a row is written once, never changed nor deleted."""

from __future__ import annotations

import pytest

from winloss.events import AppendOnlyError
from winloss.insights.models import CrmReasonMapping
from winloss.reports.models import Finding


def finding_event(user):
    finding = Finding.objects.create(statement="Buyers doubt our onboarding dates", created_by=user)
    return finding.record({}, by=user)


def mapping(user):
    return CrmReasonMapping.objects.change("Too expensive", "price", by=user)


@pytest.mark.parametrize("make", [finding_event, mapping])
def test_a_history_row_is_never_changed_nor_deleted(db, django_user_model, make):
    row = make(django_user_model.objects.create_user("ana"))
    model = type(row)
    with pytest.raises(AppendOnlyError, match="never rewritten"):
        row.save()
    with pytest.raises(AppendOnlyError, match="never rewritten"):
        row.delete()
    with pytest.raises(AppendOnlyError):
        model.objects.update(at=row.at)
    with pytest.raises(AppendOnlyError):
        model.objects.all().delete()
    assert model.objects.count() == 1
