"""T-A06, bail or residential surveillance: the public security organ executing it hands the
defendant over to the community-correction institution within 10 days of receiving the court's
decision (P2014 Art 19; CCL Art 21 ¶2; legal-spec T-A06, D-14). That organ has no users here:
the court records the service of its decision on it (Art 18 ¶2), the receiving officer records
the hand-over signed by both sides and registers the reception (issue 10 item 8)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from approvals.models import CourtProceeding, Delivery
from cases.models import CaseState
from cases.services.workflow import TransitionRefused
from kernel.accounts.models import ProcuratorialAssignment
from kernel.accounts.roles import Level, OrganisationType, Role
from kernel.audit.models import AuditEvent
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from supervision.models import HandOver
from supervision.services import public_security_hand_over_record
from tests.approvals.test_court_path import SH, Court, _articles, _consulted, _decide, court_world
from tests.cases.steps import PDF
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SERVED = dt.datetime(2026, 3, 7, 9, tzinfo=SH)
HANDED_OVER = dt.datetime(2026, 3, 10, 9, tzinfo=SH)


@pytest.fixture
def cw(world) -> Court:
    return court_world(world)


@pytest.fixture
def cpsb(world, cw):
    """The county public security bureau executing the bail, in the court's area, supervised
    by the procuratorate at its level."""
    organ = OrganisationFactory(
        name="西湖区公安分局",
        type=OrganisationType.COUNTY_PUBLIC_SECURITY,
        level=Level.COUNTY,
        region_code="330106",
    )
    ProcuratorialAssignment.objects.create(
        procuratorate=cw.proc_court, supervised=organ, mode=ProcuratorialAssignment.Mode.SAME_LEVEL
    )
    return organ


def _granted_on_bail(world, cw: Court, cpsb, custody=CourtProceeding.Custody.BAIL):
    case = _consulted(world, cw, custody=custody, executing_organ=cpsb)
    decision = _decide(cw, case)
    case.refresh_from_db()
    return case, decision


def _court_serves(world, cw: Court, case, decision) -> None:
    """The court records the public security organ's receipt (its proof of service)."""
    delivery = decision.deliveries.get(purpose=Delivery.Purpose.INSTITUTION)
    url = reverse("approvals:court_delivery_receipt", args=[case.pk, delivery.pk])
    with time_machine.travel(SERVED, tick=False):
        assert world.client_for(cw.clerk).post(url).status_code == 302


def _hand_over_form(state: str = "approved") -> dict[str, object]:
    return {
        "expected_state": state,
        "handed_over_at": "2026-03-10T09:00",
        "place": "西湖区社区矫正机构",
        "institution_signatory": "公安分局民警",
        "cci_signatory": "社区矫正工作人员",
        "documents": "暂予监外执行决定书",
        "condition": "",
        "signed_record": SimpleUploadedFile("交接.pdf", PDF, "application/pdf"),
    }


def _record(world, case, actor=None, **kw):
    data = {**_hand_over_form(), **kw}
    data["handed_over_at"] = HANDED_OVER
    with time_machine.travel(HANDED_OVER + dt.timedelta(hours=1), tick=False):
        return public_security_hand_over_record(
            case_id=case.pk, actor=actor or world.officer, **data
        )


@pytest.mark.parametrize(
    "custody", [CourtProceeding.Custody.BAIL, CourtProceeding.Custody.RESIDENTIAL_SURVEILLANCE]
)
def test_bail_branch_end_to_end_to_under_supervision(world, cw, cpsb, custody) -> None:
    """Decision served on the public security organ (recorded by the court), hand-over
    recorded by the receiving officer on the release page, reception registered."""
    case, decision = _granted_on_bail(world, cw, cpsb, custody)
    assert decision.deliveries.filter(purpose=Delivery.Purpose.INSTITUTION, recipient=cpsb).exists()
    _court_serves(world, cw, case, decision)
    assert Deadline.objects.get(kind="D-12").status == DeadlineStatus.MET
    d14 = Deadline.objects.get(kind="D-14")
    assert d14.responsible_organisation == cpsb
    officer = world.client_for(world.officer)
    release_page = reverse("supervision:release", args=[case.pk])
    with time_machine.travel(HANDED_OVER, tick=False):
        page = officer.get(release_page).content.decode()
    assert 'id="record-public-security-hand-over"' in page
    url = reverse("supervision:public_security_hand_over", args=[case.pk])
    with time_machine.travel(HANDED_OVER + dt.timedelta(hours=1), tick=False):
        response = officer.post(url, _hand_over_form())
    assert response.status_code == 302, response.content.decode()[-2000:]
    case.refresh_from_db()
    assert case.state == CaseState.ESCORT
    record = HandOver.objects.get(case=case)
    assert record.institution_signatory == "公安分局民警"
    assert record.signed_record.kind == "hand_over_record"
    assert Deadline.objects.get(kind="D-14").status == DeadlineStatus.MET
    assert AuditEvent.objects.filter(
        action="case.handed_over_by_public_security", from_state="approved", to_state="escort"
    ).exists()
    assert Notice.objects.filter(recipient=cw.procurator, subject__contains=case.number).exists()
    reception = {
        "expected_state": "escort",
        "file_number": "西矫〔2026〕4号",
        "documents_checked": "on",
        "identity_verified": "on",
        "file_opened": "on",
        "rules_announced": "on",
    }
    with time_machine.travel(HANDED_OVER + dt.timedelta(hours=2), tick=False):
        response = officer.post(reverse("supervision:reception", args=[case.pk]), reception)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.UNDER_SUPERVISION


def test_the_hand_over_waits_for_the_courts_service_art_18_2(world, cw, cpsb) -> None:
    case, _decision = _granted_on_bail(world, cw, cpsb)
    with pytest.raises(TransitionRefused) as exc:
        _record(world, case)
    assert _articles(exc) == {"P2014 Art 18 ¶2"}
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED
    assert not HandOver.objects.exists()


def test_a_detained_defendant_is_handed_over_by_the_detention_centre_not_this_way(
    world, cw
) -> None:
    case, decision = _granted_on_bail(world, cw, world.dc, CourtProceeding.Custody.DETAINED)
    _court_serves(world, cw, case, decision)
    with pytest.raises(TransitionRefused) as exc:
        _record(world, case)
    assert _articles(exc) == {"P2014 Art 19; CCL Art 21"}


def test_nobody_is_released_on_the_bail_branch(world, cw, cpsb) -> None:
    """The release steps of P2014 Arts 15-16 do not apply: the person was never held; the
    release page offers the receiving officer the hand-over instead."""
    from supervision.rules import missing

    case, decision = _granted_on_bail(world, cw, cpsb)
    _court_serves(world, cw, case, decision)
    assert {r.article for r in missing(case, "prepare_release")} == {"P2014 Art 19; CCL Art 21"}
    assert missing(case, "public_security_hand_over") == []


def test_only_the_receiving_institutions_officer_records_it(world, cw, cpsb) -> None:
    case, decision = _granted_on_bail(world, cw, cpsb)
    _court_serves(world, cw, case, decision)
    other_cci = OrganisationFactory(type=OrganisationType.COMMUNITY_CORRECTION)
    outsider = UserFactory(organisation=other_cci, roles=[Role.CORRECTION_OFFICER])
    for user in (cw.clerk, cw.judge, cw.dc_clerk, cw.procurator, outsider):
        with pytest.raises(PermissionDenied):
            _record(world, case, actor=user)
    url = reverse("supervision:public_security_hand_over", args=[case.pk])
    assert world.client_for(cw.clerk).post(url, _hand_over_form()).status_code == 403
    assert world.client_for(outsider).post(url, _hand_over_form()).status_code == 404
    _record(world, case)
    case.refresh_from_db()
    assert case.state == CaseState.ESCORT


def test_the_hand_over_cannot_precede_the_receipt_nor_lie_in_the_future(world, cw, cpsb) -> None:
    from django.core.exceptions import ValidationError

    case, decision = _granted_on_bail(world, cw, cpsb)
    _court_serves(world, cw, case, decision)
    data = {**_hand_over_form()}
    with time_machine.travel(HANDED_OVER, tick=False):
        for at in (SERVED - dt.timedelta(hours=1), HANDED_OVER + dt.timedelta(days=1)):
            data["handed_over_at"] = at
            with pytest.raises(ValidationError):
                public_security_hand_over_record(case_id=case.pk, actor=world.officer, **data)
    assert not HandOver.objects.exists()
