"""P5 and P6: the seven-point review of the decision on receipt (P2014 Art 14; SPP-Rules
Art 631), whose findings feed the report of a lower procuratorate up to the one at the
deciding organ's level, which raises the objection or declines with reasons (P2014 Art 30;
SPP-Rules Art 632). "No objection" or the objection meets the month (D-10)."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from approvals.models import ProcuratorialObjection
from cases.jurisdiction import Capacity
from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from procuracy.review.models import DecisionReview, ObjectionReport
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)

from .review_helpers import IN_MONTH, approved_and_received, review, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def approved(world, proposed):  # noqa: F811
    return approved_and_received(world, proposed)


def test_the_review_is_refused_before_the_decision_naming_art_14(world, proposed) -> None:  # noqa: F811
    with pytest.raises(TransitionRefused) as exc:
        review(world, proposed, world.procurator_a)
    assert [r.article for r in exc.value.requirements] == ["P2014 Art 14"]


def test_no_objection_meets_the_month_to_object(world, approved) -> None:
    assert Deadline.objects.get(kind="D-10").status != DeadlineStatus.MET
    done = review(world, approved, world.procurator_prov)
    assert done.conclusion == "no_objection"
    assert done.decision == approved.decision
    assert Deadline.objects.get(kind="D-10").status == DeadlineStatus.MET


def test_a_point_not_conforming_needs_a_note_and_calls_for_an_objection(world, approved) -> None:
    with pytest.raises(ValidationError):
        review(world, approved, world.procurator_a, conclusion="objection", procedure="")
    with pytest.raises(ValidationError):
        review(world, approved, world.procurator_a, procedure="诊断医师未回避")
    done = review(
        world, approved, world.procurator_a, conclusion="objection", procedure="诊断医师未回避"
    )
    assert [p["key"] for p in done.not_conforming()] == ["procedure"]
    assert Deadline.objects.get(kind="D-10").status != DeadlineStatus.MET


def test_the_review_feeds_the_report_and_the_lane_shows_the_checklist(world, approved) -> None:
    done = review(
        world, approved, world.procurator_a, conclusion="objection", procedure="诊断医师未回避"
    )
    html = (
        world.client_for(world.procurator_a)
        .get(f"/procuracy/cases/{approved.pk}/")
        .content.decode()
    )
    assert f'id="review-{done.pk}-procedure" class="finding-not_conforms"' in html
    assert 'id="act-objection_report_up"' in html
    assert "办理程序合法：诊断医师未回避" in html  # the report's reasons prefilled


def test_the_lower_procuratorate_reports_up_and_the_upper_raises_it(world, approved) -> None:
    review(world, approved, world.procurator_a, conclusion="objection", procedure="诊断医师未回避")
    with time_machine.travel(IN_MONTH, tick=False):
        report = run("objection_report_up", approved, world.procurator_a, reasons="诊断程序违法")
    assert report.upper == world.proc_prov
    assert report.review is not None
    assert approved.participants.filter(
        organisation=world.proc_prov, capacity=Capacity.DECISION_PROCURATORATE
    ).exists()
    notice = Notice.objects.get(recipient=world.procurator_prov, subject__contains="reports")
    assert "诊断医师未回避" in notice.body
    with time_machine.travel(IN_MONTH, tick=False):
        decided = run(
            "objection_report_decide",
            approved,
            world.procurator_prov,
            report_id=report.pk,
            raise_objection=True,
            reasons="诊断医师未依法回避，诊断程序违法。",
        )
    objection = ProcuratorialObjection.objects.get()
    assert decided.objection == objection and decided.raised is True
    assert objection.procuratorate == world.proc_prov
    assert Deadline.objects.get(kind="D-10").status == DeadlineStatus.MET
    assert Deadline.objects.get(kind="D-11").responsible_organisation == world.pab
    assert Notice.objects.filter(recipient=world.procurator_a, subject__contains="was raised")


def test_the_upper_declines_with_reasons_and_the_lower_is_told(world, approved) -> None:
    with time_machine.travel(IN_MONTH, tick=False):
        report = run("objection_report_up", approved, world.procurator_a, reasons="存疑")
        # The lower procuratorate does not decide its own report.
        with pytest.raises(PermissionDenied):
            run(
                "objection_report_decide",
                approved,
                world.procurator_a,
                report_id=report.pk,
                raise_objection=True,
                reasons="x",
            )
        run(
            "objection_report_decide",
            approved,
            world.procurator_prov,
            report_id=report.pk,
            raise_objection=False,
            reasons="经审查，回避声明属实。",
        )
    report.refresh_from_db()
    assert report.raised is False and not ProcuratorialObjection.objects.exists()
    assert Notice.objects.filter(recipient=world.procurator_a, subject__contains="not raised")


def test_the_procuratorate_at_the_deciding_level_does_not_report_up(world, approved) -> None:
    """It objects directly (approvals' `objection_file`); the report is a lower one's act."""
    with time_machine.travel(IN_MONTH, tick=False), pytest.raises(PermissionDenied):
        run("objection_report_up", approved, world.procurator_prov, reasons="x")
    assert not ObjectionReport.objects.exists()
    html = world.client_for(world.procurator_prov).get(f"/procuracy/cases/{approved.pk}/")
    assert 'id="act-objection_report_up"' not in html.content.decode()
    assert 'id="act-objection_report_decide"' in html.content.decode()


def test_permissions_and_the_lane_forms(world, approved) -> None:
    with pytest.raises(PermissionDenied):
        review(world, approved, world.clerk_a)
    with pytest.raises(PermissionDenied):
        review(world, approved, world.procurator_b)
    url = f"/procuracy/cases/{approved.pk}/review/decision/"
    post = {
        "expected_state": approved.state,
        "reviewed_on": "2026-04-08",
        "conclusion": "no_objection",
        **{
            f"{p}_finding": "conforms"
            for p in ("sentence", "illness", "self_care", "danger", "organ", "procedure")
        },
        "pregnancy_finding": "not_applicable",
    }
    assert world.client_for(world.approver).post(url, post).status_code == 403
    with time_machine.travel(IN_MONTH, tick=False):
        response = world.client_for(world.procurator_prov).post(url, post)
    assert response.status_code == 302
    assert DecisionReview.objects.get().procuratorate == world.proc_prov
    url = f"/procuracy/cases/{approved.pk}/review/report-up/"
    with time_machine.travel(IN_MONTH, tick=False):
        client = world.client_for(world.procurator_a)
        assert (
            client.post(url, {"expected_state": approved.state, "reasons": "存疑"}).status_code
            == 302
        )
        report = ObjectionReport.objects.get()
        url = f"/procuracy/cases/{approved.pk}/review/report-decide/"
        body = {
            "expected_state": approved.state,
            "report": report.pk,
            "raise_objection": "yes",
            "reasons": "回避不当",
        }
        assert world.client_for(world.procurator_prov).post(url, body).status_code == 302
    assert ProcuratorialObjection.objects.exists()
