"""P10 (P2014 Art 31): the procuratorate consults the files, requires a re-diagnosis,
re-examination or re-identification, and records its result, kept as evidence of the case;
the deciding organ is told when the conditions are no longer met."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from cases.models import Evidence
from cases.services.workflow import TransitionRefused
from kernel.notices.models import Notice
from procuracy.review.models import FilesConsultation, Reassessment
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)

from .review_helpers import SH, approved_and_received, pdf, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
MAY = dt.datetime(2026, 5, 6, 10, tzinfo=SH)


@pytest.fixture
def approved(world, proposed):  # noqa: F811
    return approved_and_received(world, proposed)


def _require(world, case, actor=None):
    with time_machine.travel(MAY, tick=False):
        return run(
            "reassessment_require",
            case,
            actor or world.procurator_a,
            assessment="diagnosis",
            performed_by="省人民医院",
            reasons="复查记录与病历不符",
            due_on=dt.date(2026, 6, 5),
        )


def test_refused_before_the_decision_naming_art_31(world, proposed) -> None:  # noqa: F811
    with time_machine.travel(MAY, tick=False), pytest.raises(TransitionRefused) as exc:
        run(
            "files_consultation_record",
            proposed,
            world.procurator_a,
            consulted_on=dt.date(2026, 5, 6),
            consulted="病历",
            findings="无",
        )
    assert [r.article for r in exc.value.requirements] == ["P2014 Art 31"]


def test_consulting_the_files_is_recorded_and_shown(world, approved) -> None:
    with pytest.raises(PermissionDenied):
        run(
            "files_consultation_record",
            approved,
            world.clerk_a,
            consulted_on=dt.date(2026, 5, 6),
            consulted="病历",
            findings="无",
        )
    url = f"/procuracy/cases/{approved.pk}/review/files/"
    body = {
        "expected_state": approved.state,
        "consulted_on": "2026-05-06",
        "consulted": "病历、诊断书、复查记录",
        "findings": "复查记录显示病情明显好转",
    }
    assert world.client_for(world.approver).post(url, body).status_code == 403
    with time_machine.travel(MAY, tick=False):
        assert world.client_for(world.procurator_a).post(url, body).status_code == 302
    record = FilesConsultation.objects.get()
    html = (
        world.client_for(world.procurator_a)
        .get(f"/procuracy/cases/{approved.pk}/")
        .content.decode()
    )
    assert f'id="files-consultation-{record.pk}"' in html and "病情明显好转" in html


def test_the_result_is_evidence_and_the_deciding_organ_is_told(world, approved) -> None:
    with time_machine.travel(MAY, tick=False), pytest.raises(TransitionRefused) as exc:
        run(
            "reassessment_result_record",
            approved,
            world.procurator_a,
            reassessment_id=1,
            result_file=pdf(),
            conditions_met=True,
            result_summary="x",
        )
    assert [r.article for r in exc.value.requirements] == ["P2014 Art 31"]
    required = _require(world, approved)
    with time_machine.travel(MAY, tick=False):
        done = run(
            "reassessment_result_record",
            approved,
            world.procurator_a,
            reassessment_id=required.pk,
            result_file=pdf(),
            conditions_met=False,
            result_summary="病情已明显好转，不再符合保外就医条件",
        )
    assert done.result == Evidence.objects.get(
        case=approved, kind="diagnosis_certificate", description__contains="Art 31"
    )
    assert done.result.file.read().startswith(b"%PDF")
    assert Notice.objects.filter(recipient=world.approver, subject__contains="no longer met")
    html = (
        world.client_for(world.procurator_a)
        .get(f"/procuracy/cases/{approved.pk}/")
        .content.decode()
    )
    assert f'id="reassessment-{required.pk}"' in html


def test_the_result_through_the_lane_form_with_the_upload(world, approved) -> None:
    required = _require(world, approved)
    url = f"/procuracy/cases/{approved.pk}/review/reassessment-result/"
    body = {
        "expected_state": approved.state,
        "reassessment": required.pk,
        "conditions_met": "yes",
        "result_summary": "仍符合条件",
    }
    client = world.client_for(world.procurator_a)
    with time_machine.travel(MAY, tick=False):
        assert client.post(url, body).status_code == 400  # no file
        assert client.post(url, {**body, "result_file": pdf()}).status_code == 302
    required.refresh_from_db()
    assert required.conditions_met is True and required.result is not None
    assert not Notice.objects.filter(recipient=world.approver, subject__contains="no longer met")


def test_requiring_through_the_lane_and_the_api(world, approved) -> None:
    url = f"/procuracy/cases/{approved.pk}/review/reassessment/"
    body = {
        "expected_state": approved.state,
        "assessment": "identification",
        "performed_by": "省监狱管理局鉴别小组",
        "reasons": "生活已能自理",
        "due_on": "2026-06-05",
    }
    with time_machine.travel(MAY, tick=False):
        assert world.client_for(world.clerk_a).post(url, body).status_code == 403
        assert world.client_for(world.procurator_a).post(url, body).status_code == 302
        response = world.client_for(world.procurator_a).post(
            f"/api/v1/cases/{approved.pk}/acts/reassessment_require/",
            {**body, "assessment": "diagnosis"},
        )
    assert response.status_code in (200, 201), response.content
    assert Reassessment.objects.count() == 2


def test_the_lane_draws_the_records_in_constant_queries(world, approved) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n: int) -> None:
        for i in range(n):
            FilesConsultation.objects.create(
                case=approved,
                procuratorate=world.proc_a,
                recorded_by=world.procurator_a,
                consulted_on=dt.date(2026, 5, 6),
                consulted=f"病历{i}",
                findings="无",
            )
            Reassessment.objects.create(
                case=approved,
                procuratorate=world.proc_a,
                recorded_by=world.procurator_a,
                assessment="diagnosis",
                performed_by="省人民医院",
                reasons="复查",
                due_on=dt.date(2026, 6, 5),
            )

    client = world.client_for(world.procurator_a)
    url = f"/procuracy/cases/{approved.pk}/"
    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add(5)
    with CaptureQueriesContext(connection) as six:
        html = client.get(url).content.decode()
    assert html.count('id="files-consultation-') == 6
    assert len(six.captured_queries) == len(one.captured_queries)
