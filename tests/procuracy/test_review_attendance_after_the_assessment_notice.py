"""P1: the procurator attends the diagnosis, examination or identification it was informed of
and records it (P2014 Art 8 ¶3); refused before the procuratorate is informed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from cases.services.workflow import TransitionRefused
from procuracy.review.models import AssessmentAttendance
from tests.cases.steps import assessed_eligible, to_assessment

from .review_helpers import SH, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
WHEN = dt.datetime(2026, 3, 6, 10, tzinfo=SH)
DATA = {
    "assessment": "diagnosis",
    "attended_on": dt.date(2026, 3, 5),
    "procurators": "王检察官、李检察官",
    "place": "省监狱中心医院",
    "observations": "两名诊断医师到场，检查项目与病历一致。",
    "irregularities": "未见诊断医师回避声明原件",
}


def test_refused_before_the_procuratorate_is_informed_naming_art_8(world) -> None:
    case = world.case_a
    assessed_eligible(case)
    with time_machine.travel(WHEN, tick=False), pytest.raises(TransitionRefused) as exc:
        run("assessment_attendance_record", case, world.procurator_a, **DATA)
    assert [r.article for r in exc.value.requirements] == ["P2014 Art 8 ¶3"]
    assert not AssessmentAttendance.objects.exists()


def test_the_procurator_records_the_attendance_and_the_lane_shows_it(world) -> None:
    case = world.case_a
    to_assessment(world, case)
    with time_machine.travel(WHEN, tick=False):
        record = run("assessment_attendance_record", case, world.procurator_a, **DATA)
    assert record.procuratorate == world.proc_a
    assert record.irregularities.startswith("未见")
    page = world.client_for(world.procurator_a).get(f"/procuracy/cases/{case.pk}/")
    html = page.content.decode()
    assert f'id="attendance-{record.pk}"' in html
    assert "省监狱中心医院" in html
    assert 'id="act-decision_review_record"' in html  # offered, its requirement listed


def test_only_a_procurator_of_the_case_records_it(world) -> None:
    case = world.case_a
    to_assessment(world, case)
    for actor in (world.clerk_a, world.procurator_b):
        with time_machine.travel(WHEN, tick=False), pytest.raises(PermissionDenied):
            run("assessment_attendance_record", case, actor, **DATA)
    url = f"/procuracy/cases/{case.pk}/review/attendance/"
    post = {**DATA, "expected_state": "assessment", "attended_on": "2026-03-05"}
    assert world.client_for(world.clerk_a).post(url, post).status_code == 403
    with time_machine.travel(WHEN, tick=False):
        response = world.client_for(world.procurator_a).post(url, post)
    assert response.status_code == 302
    assert AssessmentAttendance.objects.get().recorded_by == world.procurator_a


def test_the_lane_form_refused_without_the_place_answers_400(world) -> None:
    case = world.case_a
    to_assessment(world, case)
    url = f"/procuracy/cases/{case.pk}/review/attendance/"
    post = {**DATA, "expected_state": "assessment", "attended_on": "2026-03-05", "place": ""}
    with time_machine.travel(WHEN, tick=False):
        response = world.client_for(world.procurator_a).post(url, post)
    assert response.status_code == 400
    assert 'id="act-assessment_attendance_record" open' in response.content.decode()


def test_the_api_takes_the_attendance(world) -> None:
    case = world.case_a
    to_assessment(world, case)
    with time_machine.travel(WHEN, tick=False):
        response = world.client_for(world.procurator_a).post(
            f"/api/v1/cases/{case.pk}/acts/assessment_attendance_record/",
            {**DATA, "attended_on": "2026-03-05", "expected_state": "assessment"},
        )
    assert response.status_code in (200, 201), response.content
    assert response.json()["place"] == "省监狱中心医院"
