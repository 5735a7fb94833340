"""Where the designated hospital signs, it attaches the signed scan itself; the self-care
identification names the hospital where its team was formed (P2014 Art 9, Art 33; issue 13)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Evidence, MedicalCertificate, SelfCareIdentification
from kernel.accounts.roles import OrganisationType, Role
from kernel.audit.models import AuditEvent
from kernel.legal_refs import cite_zh
from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.cases.steps import to_assessment
from tests.factories import OrganisationFactory, UserFactory

from .organs_helpers import at
from .review_helpers import SH, approved_and_received, pdf, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def approved(world, proposed):  # noqa: F811
    return approved_and_received(world, proposed)


def _other_hospital():
    hospital = OrganisationFactory(
        name="市第三人民医院",
        type=OrganisationType.DESIGNATED_HOSPITAL,
        region_code="330106",
    )
    liaison = UserFactory(
        username="third_liaison", organisation=hospital, roles=[Role.HOSPITAL_LIAISON]
    )
    return hospital, liaison


def _identification(case, hospital, **overrides) -> SelfCareIdentification:
    data = {
        "case": case,
        "identified_on": dt.date(2026, 3, 6),
        "members": "李医生\n王医生\n赵干警",
        "medical_members": 2,
        "signed_by_all": True,
        "signed_by_head": True,
        "cause": "illness",
        "observation_start": dt.date(2026, 2, 1),
        "hospital": hospital,
    }
    data.update(overrides)
    return SelfCareIdentification.objects.create(**data)


def _unscanned_certificate(world, case) -> MedicalCertificate:
    certificate = MedicalCertificate.objects.in_force().get(case=case, hospital=world.hospital)
    MedicalCertificate.objects.filter(pk=certificate.pk).update(evidence=None)
    certificate.refresh_from_db()
    return certificate


def _scan_url(kind: str, pk: int) -> str:
    return reverse("procuracy:review_hospital_scan", args=[kind, pk])


def _identification_body(case, **overrides) -> str:
    body = {
        "expected_state": case.state,
        "identified_on": "2026-03-06",
        "members": "李医生\n王医生\n赵干警",
        "medical_members": 2,
        "signed_by_all": True,
        "signed_by_head": True,
        "activities_needing_help": ["eating"],
        "cause": "illness",
        "observation_start": "2026-02-01",
    }
    body.update(overrides)
    return json.dumps(body)


def test_the_identification_names_a_designated_hospital_of_the_province_or_none(world) -> None:
    case = world.case_a
    with time_machine.travel(dt.datetime(2026, 3, 6, 10, tzinfo=SH), tick=False):
        to_assessment(world, case)
        case.refresh_from_db()
        client = world.client_for(world.clerk_a)
        url = f"/api/v1/cases/{case.pk}/acts/record_self_care_identification/"
        undesignated = OrganisationFactory(
            name="民营诊所", type=OrganisationType.DESIGNATED_HOSPITAL, designated_from=None
        )
        refused = client.post(
            url,
            _identification_body(case, hospital=undesignated.pk),
            content_type="application/json",
        )
        assert refused.status_code == 400, refused.content
        # The API answers in the request's language (Chinese by default): the article cited.
        assert cite_zh("P2014 Art 9") in json.dumps(refused.json(), ensure_ascii=False)
        assert not SelfCareIdentification.objects.filter(case=case).exists()
        named = client.post(
            url,
            _identification_body(case, hospital=world.hospital.pk),
            content_type="application/json",
        )
        assert named.status_code in (200, 201), named.content
        assert named.json()["hospital"] == world.hospital.pk
        case.refresh_from_db()
        unnamed = client.post(url, _identification_body(case), content_type="application/json")
        assert unnamed.status_code in (200, 201), unnamed.content
    assert sorted(
        SelfCareIdentification.objects.filter(case=case).values_list("hospital_id", flat=True),
        key=str,
    ) == sorted([world.hospital.pk, None], key=str)


def test_the_identification_form_offers_only_the_provinces_designated_hospitals(
    world, approved
) -> None:
    from cases.workflow_forms import SelfCareIdentificationForm

    undesignated = OrganisationFactory(
        name="民营诊所", type=OrganisationType.DESIGNATED_HOSPITAL, designated_from=None
    )
    form = SelfCareIdentificationForm(case=approved)
    offered = set(form.fields["hospital"].queryset)  # type: ignore[attr-defined]
    assert world.hospital in offered and undesignated not in offered
    assert form.fields["hospital"].required is False


def test_the_inbox_lists_only_its_hospitals_identifications_in_constant_queries(
    world, approved
) -> None:
    mine = _identification(approved, world.hospital)
    other_hospital, other_liaison = _other_hospital()
    theirs = _identification(approved, other_hospital)
    nobody = _identification(approved, None)
    client = world.client_for(world.hospital_liaison)
    inbox = reverse("procuracy:review_hospital_requests")
    client.get(inbox)  # the session's caches, once
    with at(), CaptureQueriesContext(connection) as one:
        response = client.get(inbox)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="hospital-identifications"' in html
    assert f'id="hospital-identification-{mine.pk}"' in html
    assert f'id="hospital-identification-{theirs.pk}"' not in html
    assert f'id="hospital-identification-{nobody.pk}"' not in html
    assert f'id="hospital-identification-{mine.pk}-scan"' in html
    second = _identification(approved, world.hospital, identified_on=dt.date(2026, 3, 8))
    with at(), CaptureQueriesContext(connection) as two:
        html = client.get(inbox).content.decode()
    assert f'id="hospital-identification-{second.pk}"' in html
    assert len(two.captured_queries) == len(one.captured_queries)
    other_html = world.client_for(other_liaison).get(inbox).content.decode()
    assert f'id="hospital-identification-{theirs.pk}"' in other_html
    assert f'id="hospital-identification-{mine.pk}"' not in other_html


def test_the_hospital_attaches_the_signed_scan_once_and_the_prison_is_told(world, approved) -> None:
    certificate = _unscanned_certificate(world, approved)
    client = world.client_for(world.hospital_liaison)
    before = Evidence.objects.filter(case=approved).count()
    with at():
        response = client.post(
            _scan_url("certificate", certificate.pk), {"scan": pdf("诊断证明书签章件.pdf")}
        )
    assert response.status_code == 302, response.content.decode()[-2000:]
    certificate.refresh_from_db()
    scan = certificate.evidence
    assert scan is not None and scan.case_id == approved.pk
    assert scan.kind == "diagnosis_certificate" and scan.original_name == "诊断证明书签章件.pdf"
    assert scan.uploaded_by == world.hospital_liaison
    assert Evidence.objects.filter(case=approved).count() == before + 1
    assert AuditEvent.objects.filter(action="cases.hospital_scan").exists()
    assert Notice.objects.filter(
        recipient=world.clerk_a,
        subject__contains=approved.number,
        delivery_key__startswith="hospital-scan",
    ).exists()
    with at():
        page = client.get(reverse("procuracy:review_hospital_requests")).content.decode()
        assert f'id="hospital-certificate-{certificate.pk}-scanned"' in page
        assert f'id="hospital-certificate-{certificate.pk}-scan"' not in page
        again = client.post(_scan_url("certificate", certificate.pk), {"scan": pdf("again.pdf")})
    assert again.status_code == 400
    assert "该记录的签章扫描件已在案卷中" in again.content.decode()
    certificate.refresh_from_db()
    assert certificate.evidence_id == scan.pk
    assert Evidence.objects.filter(case=approved).count() == before + 1


def test_the_identification_scan_through_the_act_and_its_refusal_names_art_9(
    world, approved
) -> None:
    identification = _identification(approved, world.hospital)
    with at():
        evidence = run(
            "hospital_scan_attach",
            approved,
            world.hospital_liaison,
            signed_record="identification",
            record_id=identification.pk,
            scan=pdf("鉴别意见.pdf"),
        )
        identification.refresh_from_db()
        assert identification.evidence_id == evidence.pk
        assert evidence.kind == "identification_opinion"
        with pytest.raises(TransitionRefused) as twice:
            run(
                "hospital_scan_attach",
                approved,
                world.hospital_liaison,
                signed_record="identification",
                record_id=identification.pk,
                scan=pdf("again.pdf"),
            )
    assert [r.article for r in twice.value.requirements] == ["P2014 Art 9"]


def test_another_hospitals_record_is_not_found_and_a_wrong_file_is_refused(world, approved) -> None:
    certificate = _unscanned_certificate(world, approved)
    other_hospital, other_liaison = _other_hospital()
    theirs = _identification(approved, other_hospital)
    client = world.client_for(world.hospital_liaison)
    with at():
        assert (
            client.post(_scan_url("identification", theirs.pk), {"scan": pdf()}).status_code == 404
        )
        assert (
            world.client_for(other_liaison)
            .post(_scan_url("certificate", certificate.pk), {"scan": pdf()})
            .status_code
            == 404
        )
        assert client.post(_scan_url("recusal", certificate.pk), {"scan": pdf()}).status_code == 404
        text = SimpleUploadedFile("scan.pdf", b"just some text, not a PDF", "application/pdf")
        wrong = client.post(_scan_url("certificate", certificate.pk), {"scan": text})
        assert wrong.status_code == 400
        assert "仅接受PDF、JPEG和PNG文件" in wrong.content.decode()
        # The act itself refuses a liaison whose hospital no record of the case names.
        with pytest.raises(PermissionDenied):
            run(
                "hospital_scan_attach",
                world.case_b,
                world.hospital_liaison,
                signed_record="certificate",
                record_id=certificate.pk,
                scan=pdf(),
            )
    certificate.refresh_from_db()
    theirs.refresh_from_db()
    assert certificate.evidence_id is None and theirs.evidence_id is None


def test_only_the_hospitals_liaison_attaches(world, approved) -> None:
    certificate = _unscanned_certificate(world, approved)
    url = _scan_url("certificate", certificate.pk)
    with at():
        for stranger in (world.clerk_a, world.procurator_a):
            assert world.client_for(stranger).post(url, {"scan": pdf()}).status_code == 403
        with pytest.raises(PermissionDenied):
            run(
                "hospital_scan_attach",
                approved,
                world.clerk_a,
                signed_record="certificate",
                record_id=certificate.pk,
                scan=pdf(),
            )
    certificate.refresh_from_db()
    assert certificate.evidence_id is None
