"""The recalculation section of the community page and its routes: the deciding organ's
approver notifies, the prison's clerk proposes (only the intermediate court of its place is
offered), the intermediate court's judge records receipt and rules, each from the page (302
back to it), and the proposal and the ruling open as PDFs (audited); a wrong role is refused
(403), a judge of another court or of another province finds nothing to act on (403/404); the
API takes the same acts."""

from __future__ import annotations

import pytest

from approvals.models import DecisionKind
from kernel.accounts.roles import CourtLevel, OrganisationType, Role
from kernel.audit.models import AuditEvent
from supervision.recalculation.models import RecalculationProposal, RecalculationStatus
from tests.factories import OrganisationFactory, UserFactory

from .recalculation_steps import (
    NOTICE_DAY,
    PROPOSE_DAY,
    RECEIPT_DAY,
    RULING_DAY,
    notify,
    on,
    proof,
    propose,
    receive,
    returned_to_custody,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
STATE = {"expected_state": "under_supervision"}
NOTICE = {
    **STATE,
    "ground": "escape",
    "first_day": "2026-07-01",
    "last_day": "2026-08-15",
    "explanation": "收监执行决定作出后脱逃",
}


def _url(case, tail: str) -> str:
    return f"/supervision/cases/{case.pk}/community/recalculation/{tail}"


def _page(client, case) -> str:
    return client.get(f"/supervision/cases/{case.pk}/community/").content.decode()


def test_the_whole_chain_from_the_page_and_the_pdfs(world, supervised) -> None:
    returned_to_custody(supervised)
    approver = world.client_for(world.approver)
    with on(NOTICE_DAY):
        page = _page(approver, supervised)
        assert 'id="section-recalculation"' in page
        assert 'id="submit-recalculation_notice"' in page
        response = approver.post(_url(supervised, "notice/"), {**NOTICE, "proof": proof()})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert RecalculationProposal.objects.get().status == RecalculationStatus.NOTIFIED

    clerk = world.client_for(world.clerk_a)
    with on(PROPOSE_DAY):
        page = _page(clerk, supervised)
        assert (
            world.court_mid.name in page
            and world.court.name
            not in page.split('id="act-recalculation_propose"')[1].split("</details>")[0]
        )
        refused = clerk.post(
            _url(supervised, "propose/"), {**STATE, "court": world.court.pk, "opinion": "建议"}
        )
        assert refused.status_code == 400
        response = clerk.post(
            _url(supervised, "propose/"),
            {**STATE, "court": world.court_mid.pk, "opinion": "建议依法裁定"},
        )
        assert response.status_code == 302
    judge = world.client_for(world.mid_judge)
    with on(RECEIPT_DAY):
        response = judge.post(
            _url(supervised, "receipt/"), {**STATE, "received_at": "2026-09-04T09:30"}
        )
        assert response.status_code == 302
    with on(RULING_DAY):
        response = judge.post(
            _url(supervised, "rule/"),
            {
                **STATE,
                "not_counted": "yes",
                "first_day": "2026-07-01",
                "last_day": "2026-08-15",
                "reasons": "脱逃期间不计入执行刑期",
                "otp_code": "",
            },
        )
        assert response.status_code == 302
        page = _page(judge, supervised)
    proposal = RecalculationProposal.objects.get()
    assert proposal.status == RecalculationStatus.RULED
    assert proposal.ruling.kind == DecisionKind.RECALCULATION
    assert f'id="recalculation-{proposal.pk}"' in page and proposal.ruling.number in page
    assert proposal.expiry_after.isoformat() in page
    for document in (proposal.proposal_document, proposal.ruling.document):
        pdf = judge.get(_url(supervised, f"documents/{document.pk}.pdf"))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="document.viewed").count() == 2
    assert judge.get(_url(supervised, "documents/999999.pdf")).status_code == 404


def test_a_wrong_role_is_refused(world, supervised) -> None:
    returned_to_custody(supervised)
    with on(NOTICE_DAY):
        officer = world.client_for(world.officer)
        response = officer.post(_url(supervised, "notice/"), {**NOTICE, "proof": proof()})
    assert response.status_code == 403
    assert not RecalculationProposal.objects.exists()


def test_a_judge_of_another_court_or_province_cannot_rule(world, supervised) -> None:
    returned_to_custody(supervised)
    notify(world, supervised)
    propose(world, supervised)
    receive(world, supervised)
    elsewhere = OrganisationFactory(
        name="南京市中级人民法院",
        type=OrganisationType.COURT,
        court_level=CourtLevel.INTERMEDIATE,
        region_code="320100",
    )
    strangers = [
        world.judge,  # the basic court of the residence
        UserFactory(username="nj_judge", organisation=elsewhere, roles=[Role.JUDGE]),
    ]
    data = {**STATE, "not_counted": "no", "reasons": "x"}
    for stranger in strangers:
        with on(RULING_DAY):
            response = world.client_for(stranger).post(_url(supervised, "rule/"), data)
        assert response.status_code in (403, 404)
    assert RecalculationProposal.objects.get().ruling is None


def test_the_api_takes_the_notice_and_the_ruling(world, supervised) -> None:
    returned_to_custody(supervised)
    with on(NOTICE_DAY):
        response = world.client_for(world.approver).post(
            f"/api/v1/cases/{supervised.pk}/acts/recalculation_notice/",
            {**NOTICE, "proof": proof()},
        )
    assert response.status_code in (200, 201), response.content
    assert response.json()["status"] == "notified"
    propose(world, supervised)
    receive(world, supervised)
    with on(RULING_DAY):
        response = world.client_for(world.mid_judge).post(
            f"/api/v1/cases/{supervised.pk}/acts/recalculation_rule/",
            {
                **STATE,
                "not_counted": True,
                "first_day": "2026-07-01",
                "last_day": "2026-08-15",
                "reasons": "脱逃期间不计入执行刑期",
            },
            content_type="application/json",
        )
    assert response.status_code in (200, 201), response.content
    body = response.json()
    assert body["status"] == "ruled" and body["ruling_number"]
    assert body["expiry_after"] == "2032-02-15"
