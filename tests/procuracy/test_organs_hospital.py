"""The designated hospital sees the re-assessments addressed to it and records their result
itself, and sees nothing else of the case (P2014 Arts 9, 31; issue 13)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.jurisdiction import Capacity
from cases.models import CaseParticipant, Evidence, MedicalCertificate
from cases.selectors import case_get_for_user
from kernel.accounts.roles import OrganisationType, Role
from kernel.notices.models import Notice
from procuracy.review.models import Reassessment
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.factories import OrganisationFactory, UserFactory

from .organs_helpers import DUE, at, require_of, result_form
from .review_helpers import approved_and_received, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def approved(world, proposed):  # noqa: F811
    return approved_and_received(world, proposed)


def _other_hospital():
    hospital = OrganisationFactory(
        name="市第二人民医院", type=OrganisationType.DESIGNATED_HOSPITAL, region_code="330106"
    )
    liaison = UserFactory(
        username="other_liaison", organisation=hospital, roles=[Role.HOSPITAL_LIAISON]
    )
    return hospital, liaison


def test_the_request_reaches_the_hospital_which_takes_part_without_seeing_the_case(
    world, approved
) -> None:
    record = require_of(world, approved, world.hospital)
    assert record.hospital == world.hospital and record.performed_by == world.hospital.name
    assert CaseParticipant.objects.filter(
        case=approved, organisation=world.hospital, capacity=Capacity.HOSPITAL
    ).exists()
    notice = Notice.objects.get(recipient=world.hospital_liaison)
    assert notice.link == reverse("procuracy:review_hospital_request", args=[record.pk])
    assert approved.offender.name in notice.subject
    from django.http import Http404

    with pytest.raises(Http404):
        case_get_for_user(user=world.hospital_liaison, pk=approved.pk)


def test_a_hospital_off_the_provinces_list_is_refused_naming_art_9(world, approved) -> None:
    undesignated = OrganisationFactory(
        name="民营医院", type=OrganisationType.DESIGNATED_HOSPITAL, designated_from=None
    )
    with pytest.raises(ValidationError) as refused:
        require_of(world, approved, undesignated)
    assert "P2014 Art 9" in str(refused.value)
    assert not Reassessment.objects.exists()


def test_the_inbox_lists_the_request_with_its_due_day_in_constant_queries(world, approved) -> None:
    record = require_of(world, approved, world.hospital)
    client = world.client_for(world.hospital_liaison)
    inbox = reverse("procuracy:review_hospital_requests")
    client.get(inbox)  # the session's caches, once
    with at(), CaptureQueriesContext(connection) as one:
        response = client.get(inbox)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="hospital-request-{record.pk}"' in html
    assert approved.offender.name in html and DUE.isoformat() in html
    # The certificate the case file records as issued by the hospital (P2014 Art 9 ¶1).
    certificate = MedicalCertificate.objects.filter(case=approved, hospital=world.hospital).first()
    assert certificate is not None
    assert f'id="hospital-certificate-{certificate.pk}"' in html
    second = require_of(world, approved, world.hospital)
    with at(), CaptureQueriesContext(connection) as two:
        html = client.get(inbox).content.decode()
    assert f'id="hospital-request-{second.pk}"' in html
    assert len(two.captured_queries) == len(one.captured_queries)
    # Another hospital's liaison sees none of it; a procurator is refused the inbox.
    _hospital, other = _other_hospital()
    other_html = world.client_for(other).get(inbox).content.decode()
    assert approved.offender.name not in other_html
    assert f'id="hospital-certificate-{certificate.pk}"' not in other_html
    assert world.client_for(world.procurator_a).get(inbox).status_code == 403


def test_the_hospital_records_the_result_and_the_procuratorate_is_told(world, approved) -> None:
    record = require_of(world, approved, world.hospital)
    client = world.client_for(world.hospital_liaison)
    url = reverse("procuracy:review_hospital_request", args=[record.pk])
    with at():
        page = client.get(url).content.decode()
        assert 'id="record-hospital-result"' in page and "复查记录与病历不符" in page
        response = client.post(url, result_form())
    assert response.status_code == 302, response.content.decode()[-2000:]
    record.refresh_from_db()
    assert record.result_by == world.hospital_liaison and record.conditions_met is False
    assert record.result is not None and record.result.original_name == "复诊结论.pdf"
    assert Notice.objects.filter(
        recipient=world.procurator_a, subject__contains=approved.number
    ).exists()
    with at():
        page = client.get(url).content.decode()
    assert 'id="hospital-result-conclusion"' in page and 'id="record-hospital-result"' not in page


def test_the_hospital_sees_nothing_else(world, approved) -> None:
    record = require_of(world, approved, world.hospital)
    client = world.client_for(world.hospital_liaison)
    evidence = Evidence.objects.filter(case=approved).first()
    assert evidence is not None
    for url in (
        reverse("cases:case_detail", args=[approved.pk]),
        reverse("cases:reader", args=[approved.pk]),
        reverse("cases:evidence_download", args=[approved.pk, evidence.pk]),
        reverse("procuracy:lane", args=[approved.pk]),
        reverse("cases:case_detail", args=[world.case_a.pk]),
    ):
        assert client.get(url).status_code in (403, 404), url
    # Another hospital's liaison cannot open the request, nor record its result.
    _hospital, other = _other_hospital()
    url = reverse("procuracy:review_hospital_request", args=[record.pk])
    assert world.client_for(other).get(url).status_code == 404
    with at(), pytest.raises(PermissionDenied):
        run(
            "reassessment_result_record",
            approved,
            other,
            reassessment_id=record.pk,
            **result_form(conditions_met=False),
        )
    record.refresh_from_db()
    assert record.result_recorded_at is None


def test_the_procurator_names_the_hospital_through_the_api(world, approved) -> None:
    with at():
        response = world.client_for(world.procurator_a).post(
            f"/api/v1/cases/{approved.pk}/acts/reassessment_require/",
            {
                "expected_state": approved.state,
                "assessment": "examination",
                "hospital": world.hospital.pk,
                "reasons": "病情记录前后矛盾",
                "due_on": DUE.isoformat(),
            },
            content_type="application/json",
        )
    assert response.status_code in (200, 201), response.content
    body = response.json()
    assert body["hospital"] == world.hospital.pk and body["performed_by"] == world.hospital.name
    assert Notice.objects.filter(recipient=world.hospital_liaison).exists()
