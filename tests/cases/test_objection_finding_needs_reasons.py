"""Art 13 ¶2: an objection raised during the publicity is examined with written reasons. The
rule is the dismissal's and the upholding's requirement (`cases.rules`), not only the page's
form: a finding recorded without reasons, by whatever entry, does not end the review."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from cases.acts.proposal import DISMISS_OBJECTION, UPHOLD_OBJECTION
from cases.acts.runner import act_missing
from cases.models import CaseState, Objection
from cases.services.workflow import TransitionRefused

from .steps import advance, attach_dossier, record, to_publicity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _examined_without_reasons(world, *, established: bool):
    case = world.case_a
    to_publicity(world, case)
    attach_dossier(world, case)
    record(
        world,
        case,
        Objection(received_on=dt.date(2026, 3, 12), objector="罪犯李某", content="病情不实"),
    )
    advance(world, case, "receive_objection")
    # Saved past the page's form (as the API body or a service caller could): no reasons.
    Objection.objects.filter(case=case).update(
        examined_on=dt.date(2026, 3, 13), established=established, finding=" "
    )
    case.refresh_from_db()
    return case


def test_a_finding_without_reasons_does_not_dismiss_the_objection(world) -> None:
    case = _examined_without_reasons(world, established=False)
    unmet = act_missing(DISMISS_OBJECTION, case)
    assert [r.article for r in unmet] == ["P2014 Art 13 ¶2"]
    assert "罪犯李某" in str(unmet[0])
    with time_machine.travel(dt.datetime(2026, 3, 20, 10, tzinfo=SH), tick=False):
        with pytest.raises(TransitionRefused):
            advance(world, case, "dismiss_objection")
        Objection.objects.filter(case=case).update(finding="经复查，病情属实")
        advance(world, case, "dismiss_objection")
    case.refresh_from_db()
    assert case.state == CaseState.PUBLICITY


def test_a_finding_without_reasons_does_not_uphold_the_objection(world) -> None:
    case = _examined_without_reasons(world, established=True)
    assert [r.article for r in act_missing(UPHOLD_OBJECTION, case)] == ["P2014 Art 13 ¶2"]
    Objection.objects.filter(case=case).update(finding="经复查，诊断医师系罪犯近亲属")
    assert act_missing(UPHOLD_OBJECTION, case) == []
