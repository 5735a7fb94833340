"""Decision numbers are official numbers: the deciding organ's abbreviation, the series of the
document, the year and a sequence per organ, series and year, unique in the database
(issue 10 item 5; `kernel.numbering`)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from approvals.models import ApprovalDecision
from approvals.services import case_decide
from cases.models import CaseState
from kernel.numbering.models import NumberSeries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _decide(world, case, *, approve=True):
    with time_machine.travel(dt.datetime(2026, 3, 25, 10, tzinfo=SH), tick=False):
        return case_decide(
            case_id=case.pk,
            actor=world.approver,
            approve=approve,
            reasons="病情属实，符合保外就医条件" if approve else "不符合条件",
            committee_held_on=dt.date(2026, 3, 24),
            committee_members_present=9,
            expected_state=CaseState.PROPOSED,
        )


def test_approval_is_numbered_in_the_authoritys_own_series(world, proposed) -> None:
    decision = _decide(world, proposed)
    assert decision.number == "浙狱暂决〔2026〕001号"
    assert decision.document.number == decision.number
    counter = NumberSeries.objects.get(organisation=world.pab, series="暂决", year=2026)
    assert counter.last == 1


def test_non_approval_has_its_own_series(world, proposed) -> None:
    decision = _decide(world, proposed, approve=False)
    assert decision.number == "浙狱不批〔2026〕001号"


def test_an_authority_without_an_official_abbreviation_issues_no_number(world, proposed) -> None:
    """No number is built from a cut-off name: the decision is refused, with what to do."""
    world.pab.abbreviation = ""
    world.pab.short_name = "省局"  # a short name is not an official abbreviation
    world.pab.save()
    with pytest.raises(ValidationError) as refused:
        _decide(world, proposed)
    message = " ".join(refused.value.messages)
    assert "省监狱管理局 has no official abbreviation" in message
    assert "system administrator" in message
    proposed.refresh_from_db()
    assert proposed.state == CaseState.PROPOSED
    assert not ApprovalDecision.objects.exists()
    assert not NumberSeries.objects.exists()


def test_decision_number_is_unique_in_the_database(world, proposed) -> None:
    decision = _decide(world, proposed)
    copy = ApprovalDecision.objects.get(pk=decision.pk)
    copy.pk = None
    copy.case = world.case_b
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
