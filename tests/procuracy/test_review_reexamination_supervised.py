"""P7/P8: the re-examination after an objection. A court re-examines within one month (D-11c,
SPC-Interp Art 515 ¶3), an approving authority at once (D-11, five working days); the
procuratorate records whether the result is lawful, and an unlawful one calls for a written
rectification opinion and is reported to the upper procuratorate (SPP-Rules Art 633)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from approvals.models import Delivery
from approvals.services import objection_file, objection_review
from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from procuracy.review.models import ReexaminationSupervision
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.approvals.test_court_path import _consulted, _decide, court_world
from tests.supervision.conftest import receive

from .review_helpers import IN_MONTH, SH, approved_and_received, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def objected(world, proposed):  # noqa: F811
    case = approved_and_received(world, proposed)
    with time_machine.travel(IN_MONTH, tick=False):
        objection = objection_file(case_id=case.pk, actor=world.procurator_prov, grounds="回避不当")
    return case, objection


def test_the_court_has_one_month_the_administration_five_working_days(world, objected) -> None:
    _case, _objection = objected
    d11 = Deadline.objects.get(kind="D-11")
    assert d11.responsible_organisation == world.pab
    assert not Deadline.objects.filter(kind="D-11c").exists()
    cw = court_world(world)
    case = _consulted(world, cw)
    decision = _decide(cw, case)
    receive(world, decision, Delivery.Purpose.PROCURATORATE, actor=cw.procurator)
    with time_machine.travel(dt.datetime(2026, 3, 30, 10, tzinfo=SH), tick=False):
        objection = objection_file(case_id=case.pk, actor=cw.procurator, grounds="病情诊断存疑")
    d11c = Deadline.objects.get(kind="D-11c")
    assert d11c.responsible_organisation == world.court
    assert d11c.due_date == dt.date(2026, 4, 30)
    assert d11c.legal_basis == "SPC-Interp Art 515 ¶3"
    assert Deadline.objects.filter(kind="D-11").count() == 1  # the administration's only
    objection_review(objection_id=objection.pk, actor=world.judge, maintain=True, reasons="维持")
    assert Deadline.objects.get(kind="D-11c").status == DeadlineStatus.MET
    page = world.client_for(cw.procurator).get(f"/procuracy/cases/{case.pk}/").content.decode()
    assert f'id="clock-D-11c-{d11c.pk}"' in page


def test_supervision_is_refused_before_the_re_examination_naming_art_633(world, objected) -> None:
    case, objection = objected
    with pytest.raises(TransitionRefused) as exc:
        run(
            "reexamination_supervise",
            case,
            world.procurator_prov,
            objection_id=objection.pk,
            lawful=True,
            reasons="x",
        )
    assert [r.article for r in exc.value.requirements] == ["P2014 Art 30; SPP-Rules Art 633"]


def test_an_unlawful_result_calls_for_rectification_and_is_reported_up(world, objected) -> None:
    case, objection = objected
    objection_review(objection_id=objection.pk, actor=world.approver, maintain=True, reasons="维持")
    with pytest.raises(PermissionDenied):
        run(
            "reexamination_supervise",
            case,
            world.approver,
            objection_id=objection.pk,
            lawful=False,
            reasons="x",
        )
    # The stationed procuratorate (its parent is the provincial one) finds it unlawful.
    record = run(
        "reexamination_supervise",
        case,
        world.procurator_a,
        objection_id=objection.pk,
        lawful=False,
        reasons="未重新组织诊断即维持原决定",
    )
    assert record.reported_to == world.proc_prov
    told = Notice.objects.get(recipient=world.procurator_a, subject__contains="rectification")
    assert told.link == f"/procuracy/cases/{case.pk}/"
    assert Notice.objects.filter(recipient=world.procurator_prov, subject__contains="unlawful")
    html = world.client_for(world.procurator_a).get(f"/procuracy/cases/{case.pk}/").content.decode()
    assert f'id="reexamination-supervision-{record.pk}"' in html


def test_a_lawful_result_is_recorded_through_the_lane(world, objected) -> None:
    case, objection = objected
    objection_review(objection_id=objection.pk, actor=world.approver, maintain=True, reasons="维持")
    url = f"/procuracy/cases/{case.pk}/review/reexamination/"
    body = {
        "expected_state": case.state,
        "objection": objection.pk,
        "lawful": "yes",
        "reasons": "程序合法",
    }
    assert world.client_for(world.clerk_a).post(url, body).status_code == 403
    assert world.client_for(world.procurator_prov).post(url, body).status_code == 302
    record = ReexaminationSupervision.objects.get()
    assert record.lawful and record.reported_to is None
    assert not Notice.objects.filter(subject__contains="rectification")
