"""The review record (DOC-25; P2014 Art 21) is issued by each review as a PDF in the official
layout and downloadable from the community page by those on the case; a review that finds the
circumstances gone raises the ground for revocation once, with the review as its source, and
tells the deciding organ."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse

from kernel.audit.models import AuditEvent
from kernel.notices.models import Notice
from supervision.models import ReviewFinding, RevocationGround, RevocationGroundKind

from .medical_steps import review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def test_the_review_issues_doc25_as_a_pdf_naming_the_hospital(world, supervised, tmp_path) -> None:
    recorded = review(world, supervised)
    document = recorded.review_record.document
    assert document.title == "病情复查审查记录" and document.issuing_organisation == world.cci
    url = reverse("supervision:medical_review_record", args=[supervised.pk, recorded.pk])
    response = world.client_for(world.officer).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="document.downloaded").exists()
    if shutil.which("pdftotext"):
        path = tmp_path / "doc25.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "省人民医院" in text and "病情复查审查记录" in text
    page = world.client_for(world.officer).get(
        reverse("supervision:community", args=[supervised.pk])
    )
    assert url in page.content.decode()


def test_disappeared_raises_the_statutory_ground_once_and_tells_the_deciding_organ(
    world, supervised
) -> None:
    recorded = review(world, supervised, finding=ReviewFinding.DISAPPEARED)
    ground = RevocationGround.objects.get()
    assert ground.ground == RevocationGroundKind.CPL_3  # the prison path: CPL Art 268 ¶1(3)
    assert ground.source == recorded
    assert Notice.objects.filter(recipient=world.approver, subject__contains="feedback").exists()
    review(world, supervised, finding=ReviewFinding.PERSIST)
    assert RevocationGround.objects.count() == 1


def test_another_provinces_officer_cannot_download_the_record(world, supervised) -> None:
    from kernel.accounts.roles import OrganisationType, Role
    from tests.factories import OrganisationFactory, UserFactory

    recorded = review(world, supervised)
    stranger = UserFactory(
        username="js_officer",
        organisation=OrganisationFactory(
            name="玄武区社区矫正机构",
            type=OrganisationType.COMMUNITY_CORRECTION,
            region_code="320102",
        ),
        roles=[Role.CORRECTION_OFFICER],
    )
    url = reverse("supervision:medical_review_record", args=[supervised.pk, recorded.pk])
    assert world.client_for(stranger).get(url).status_code == 404


def test_on_the_court_path_disappeared_raises_the_court_ground(world, supervised) -> None:
    from cases.models import Case, CasePath

    Case.objects.filter(pk=supervised.pk).update(path=CasePath.COURT)
    review(world, supervised, finding=ReviewFinding.DISAPPEARED)
    assert RevocationGround.objects.get().ground == RevocationGroundKind.SPC_6
