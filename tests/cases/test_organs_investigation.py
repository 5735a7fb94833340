"""The county judicial administration the prison entrusts with the investigation and evaluation
sees the request, answers within its clock and records the finding itself (P2014 Arts 8 ¶2,
13 ¶2; CCL Art 18; legal-spec T-B05b, D-27; issue 13, "Every organ the law addresses")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.acts.investigation import INVESTIGATION_REPORT_RECORD
from cases.acts.runner import act_run
from cases.jurisdiction import Capacity
from cases.models import CaseParticipant, Evidence, InvestigationEntrustment
from cases.rules import missing
from cases.services import case_open
from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from tests.factories import SentenceFactory

from .organs_helpers import ENTRUSTED_ON, at, entrusted, report_form, signed_opinion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]

REPORTED_ON = dt.date(2026, 3, 18)


def _clock(case) -> Deadline:
    return Deadline.objects.get(kind="D-27", subject_id=case.pk)


def _take(world, case, actor=None, **overrides):
    dates = {"investigated_from": dt.date(2026, 3, 10), "investigated_to": dt.date(2026, 3, 12)}
    params = report_form(**{**dates, **overrides})
    params.pop("expected_state")
    return act_run(
        INVESTIGATION_REPORT_RECORD,
        case_id=case.pk,
        actor=actor or world.cja_head,
        expected_state="preparation",
        **params,
    )


def test_the_entrusted_administration_takes_part_is_told_and_its_clock_runs(world) -> None:
    case = entrusted(world)
    assert CaseParticipant.objects.filter(
        case=case, organisation=world.cja, capacity=Capacity.INVESTIGATION
    ).exists()
    notice = Notice.objects.get(recipient=world.cja_head, link=f"/cases/{case.pk}/inquiry/")
    assert "investigation and evaluation" in notice.subject
    clock = _clock(case)
    assert clock.responsible_organisation == world.cja
    assert clock.status == DeadlineStatus.OPEN
    # Ten working days from Monday 9 March 2026, the day itself not counted: 23 March.
    assert clock.due_date == dt.date(2026, 3, 23)


def test_the_clock_counts_working_days_over_a_holiday(world) -> None:
    # Qingming 2026 falls inside the ten working days from 31 March: the calendar's holidays
    # push the due date well past two calendar weeks.
    case = entrusted(world, entrusted_on=dt.date(2026, 3, 31))
    due = _clock(case).due_date
    assert due is not None and (due - dt.date(2026, 3, 31)).days > 14
    assert due.weekday() < 5


def test_the_administration_sees_the_request_in_its_inbox_and_the_case(world) -> None:
    case = entrusted(world)
    client = world.client_for(world.cja_head)
    with at(dt.date(2026, 3, 10)):
        inbox = client.get("/cases/inquiries/").content.decode()
        assert "张三" in inbox and "2026-03-23" in inbox and 'id="inquiries"' in inbox
        assert "调查评估委托" in inbox  # its navigation item
        page = client.get(f"/cases/{case.pk}/inquiry/")
        assert page.status_code == 200
        assert 'id="inquiry-report"' in page.content.decode()
        assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_nobody_else_sees_the_request(world) -> None:
    case = entrusted(world)
    # The residence's community-correction institution, not entrusted this time.
    client = world.client_for(world.officer)
    assert "张三" not in client.get("/cases/inquiries/").content.decode()
    assert client.get(f"/cases/{case.pk}/inquiry/").status_code == 404
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    # The prison's clerk keeps its own case file; the inquiry screen is not its role's.
    assert world.client_for(world.clerk_a).get(f"/cases/{case.pk}/inquiry/").status_code == 403


def test_the_report_meets_the_clock_keeps_the_opinion_and_tells_the_prison(world) -> None:
    case = entrusted(world)
    client = world.client_for(world.cja_head)
    with at(REPORTED_ON):
        response = client.post(f"/cases/{case.pk}/inquiry/", report_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    record = InvestigationEntrustment.objects.get(case=case)
    assert record.finding == "suitable"
    assert record.opinion_received_on == REPORTED_ON
    assert record.investigated_from == dt.date(2026, 3, 10)
    assert record.reported_by == world.cja_head
    assert "李强" in record.interviewed
    assert Evidence.objects.filter(case=case, kind="investigation_opinion").count() == 1
    clock = _clock(case)
    assert clock.status == DeadlineStatus.MET
    assert clock.met_at is not None and clock.met_at.date() <= clock.due_date
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains=case.number).exists()
    # The proposal rules see the opinion received (P2014 Arts 8 ¶2, 13 ¶2).
    articles = [r.article for r in missing(case, "ready_for_deliberation")]
    assert "P2014 Arts 8 ¶2, 13 ¶2" not in articles
    with at(REPORTED_ON):
        page = client.get(f"/cases/{case.pk}/inquiry/").content.decode()
    assert 'id="inquiry-finding"' in page and "适宜社区矫正" in page


def test_the_report_refusals_name_their_articles(world) -> None:
    case = entrusted(world)
    with at(REPORTED_ON):
        with pytest.raises(TransitionRefused) as early:
            _take(world, case, investigated_from=dt.date(2026, 3, 8))
        assert [r.article for r in early.value.requirements] == ["P2014 Art 8 ¶2"]
        with pytest.raises(TransitionRefused) as bare:
            _take(world, case, reasons="  ")
        assert [r.article for r in bare.value.requirements] == ["CCL Art 18"]
        _take(world, case)
        with pytest.raises(TransitionRefused) as twice:
            _take(world, case, signed_opinion=signed_opinion())
        assert [r.article for r in twice.value.requirements] == ["P2014 Art 13 ¶2"]


def test_only_the_entrusted_institution_reports(world) -> None:
    case = entrusted(world)
    with at(REPORTED_ON):
        for stranger in (world.clerk_a, world.procurator_a, world.officer):
            with pytest.raises(PermissionDenied):
                _take(world, case, actor=stranger)
        # Through the API: the prison's clerk sees the case but may not answer for the CJA.
        response = world.client_for(world.clerk_a).post(
            f"/api/v1/cases/{case.pk}/acts/investigation_report_record/", report_form()
        )
        assert response.status_code == 403
    assert not Evidence.objects.filter(case=case, kind="investigation_opinion").exists()


def test_the_administration_reports_through_the_api(world) -> None:
    case = entrusted(world)
    with at(REPORTED_ON):
        response = world.client_for(world.cja_head).post(
            f"/api/v1/cases/{case.pk}/acts/investigation_report_record/",
            report_form(finding="unsuitable", reasons="居住地无人监护，社会危险性较高。"),
        )  # multipart: the act takes the signed opinion
    assert response.status_code in (200, 201), response.content
    body = response.json()
    assert body["finding"] == "unsuitable" and body["opinion_received_on"] == "2026-03-18"
    assert _clock(case).status == DeadlineStatus.MET


def test_the_prisons_paper_entry_still_meets_the_clock(world) -> None:
    """An opinion that reached the prison on paper: the prison corrects its record with the
    date received; the clock closes and the rules read the same record."""
    from cases.services.corrections import case_record_correct

    case = entrusted(world)
    record = InvestigationEntrustment.objects.get(case=case)
    with at(REPORTED_ON):
        case_record_correct(
            case_id=case.pk,
            kind="investigation",
            record_id=record.pk,
            actor=world.clerk_a,
            reason="收到书面意见",
            data={
                "entrusted_to": world.cja,
                "entrusted_on": ENTRUSTED_ON,
                "opinion_received_on": REPORTED_ON,
                "opinion": "居住地具备监管条件。",
            },
        )
    assert _clock(case).status == DeadlineStatus.MET
    assert InvestigationEntrustment.objects.in_force().get(case=case).opinion_received_on


def test_the_inbox_runs_a_constant_number_of_queries(world) -> None:
    entrusted(world)
    client = world.client_for(world.cja_head)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cases/inquiries/").status_code == 200
        return len(queries)

    count()  # the first request also fills the per-process caches (content types)
    one = count()
    for n in range(3):
        offender = SentenceFactory(
            offender__custodian=world.prison_a, offender__name=f"王{n}"
        ).offender
        case = case_open(
            actor=world.clerk_a,
            offender=offender,
            number=f"浙狱暂〔2026〕1{n}号",
            opened_on=dt.date(2026, 3, 2),
            ground_medical=True,
        )
        InvestigationEntrustment.objects.create(
            case=case, entrusted_to=world.cja, entrusted_on=ENTRUSTED_ON
        )
    assert count() == one
    assert "王2" in client.get("/cases/inquiries/").content.decode()
