"""T-S03p (P2014 Art 23 ¶2; SPP-Rules Art 634): a procurator of a procuratorate on the case
suggests imprisonment (DOC-29); it goes at once to the deciding organ, without the county
judicial administration, and the deciding organ and the institution are told. It rests on
evidenced grounds like the proposal; the officer cannot suggest (403)."""

from __future__ import annotations

import pytest

from kernel.audit.models import AuditEvent
from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.models import Supervision, SupervisionState
from supervision.revocation.models import ProposalOrigin, ProposalStatus

from .discipline_helpers import on, pdf_text, scan
from .revocation_steps import PROPOSED_ON, suggest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def test_the_suggestion_goes_to_the_deciding_organ_at_once(world, supervised, tmp_path) -> None:
    proposal = suggest(world, supervised)
    assert proposal.origin == ProposalOrigin.PROCURATORATE
    assert proposal.status == ProposalStatus.SENT and proposal.sent_to == world.pab
    assert proposal.judicial_administration is None
    assert Supervision.objects.get(case=supervised).state == SupervisionState.REVOCATION_PROPOSED
    assert proposal.number == "浙检驻一监收检建〔2026〕001号"
    assert Notice.objects.filter(recipient=world.approver, subject__contains="suggestion").exists()
    assert Notice.objects.filter(recipient=world.officer, subject__contains="suggested").exists()
    assert AuditEvent.objects.filter(action="supervision.revocation_suggest").exists()
    text = pdf_text(proposal.document, tmp_path)
    assert "张三" in text and "收监执行检察建议书" in text and "第二十三条第二款" in text


def test_a_suggestion_without_evidence_is_refused_naming_the_article(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as refused:
        suggest(world, supervised, evidence_spc_516_8=None)
    assert {r.article for r in refused.value.requirements} == {"P2014 Art 23 ¶2"}
    assert Supervision.objects.get(case=supervised).state == SupervisionState.UNDER_SUPERVISION


def test_the_procurator_suggests_from_the_page_and_the_officer_cannot(world, supervised) -> None:
    url = f"/supervision/cases/{supervised.pk}/community/revocation/suggest/"
    data = {
        "expected_state": "under_supervision",
        "grounds": ["spc_516_8"],
        "reasons": "多次违反监督管理规定",
        "evidence_spc_516_8": scan("violations.pdf"),
    }
    with on(PROPOSED_ON):
        page = world.client_for(world.procurator_a).get(
            f"/supervision/cases/{supervised.pk}/community/"
        )
        assert 'id="submit-revocation_suggest"' in page.content.decode()
        assert world.client_for(world.officer).post(url, data).status_code == 403
        data["evidence_spc_516_8"] = scan("violations.pdf")
        response = world.client_for(world.procurator_a).post(url, data)
    assert response.status_code == 302
    assert supervised.supervision.revocation_proposals.get().origin == ProposalOrigin.PROCURATORATE
