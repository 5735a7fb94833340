"""T-S03 (P2014 Art 23 ¶1; CCL Art 49 ¶1; P2014 Art 26 ¶1): the officer's proposal for
imprisonment names grounds of list R, each with its evidence (a ground raised by a supervision
act, or an upload); the review that found the circumstances gone is offered with both its
statutory and its court-path ground, the review linked; a proposal without a ground, with an
unproved ground, or claiming a period not counted without explanation and proof is refused
naming the article; the proposal (DOC-27) is issued with its official number."""

from __future__ import annotations

import pytest

from kernel.accounts.models import Organisation
from kernel.accounts.roles import OrganisationType
from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.models import ReviewFinding, RevocationGroundKind, Supervision, SupervisionState
from supervision.revocation.forms import ProposeForm
from supervision.revocation.models import ProposalStatus

from .discipline_helpers import on, pdf_text, scan
from .medical_steps import review
from .revocation_steps import PROPOSED_ON, disappeared, propose, propose_on_review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _articles(refused: pytest.ExceptionInfo[TransitionRefused]) -> set[str]:
    return {r.article for r in refused.value.requirements}


def test_a_review_finding_the_circumstances_gone_is_offered_with_both_grounds(
    world, supervised
) -> None:
    ground = disappeared(world, supervised)
    assert ground.ground == RevocationGroundKind.CPL_3
    with on(PROPOSED_ON):
        form = ProposeForm(initial={"expected_state": "under_supervision"}, case=supervised)
    assert form.initial["grounds"] == ["cpl_268_3", "spc_516_6"]
    assert form.initial["raised_grounds"] == [ground.pk]
    choices = dict(form.fields["raised_grounds"].choices)
    label = str(next(v for k, v in choices.items() if str(k) == str(ground.pk)))
    assert "condition review" in label and "2026-06-20" in label


def test_the_proposal_links_the_review_and_issues_doc27(world, supervised, tmp_path) -> None:
    proposal = propose_on_review(world, supervised, monitoring_requested=True)
    assert proposal.status == ProposalStatus.AWAITING_APPROVAL
    assert proposal.grounds == ["cpl_268_3", "spc_516_6"]
    reviews = list(supervised.supervision.reviews.all())
    assert [g.source for g in proposal.raised_grounds.all()] == reviews
    record = Supervision.objects.get(case=supervised)
    assert record.state == SupervisionState.REVOCATION_PROPOSED
    assert proposal.number == "西湖矫收建〔2026〕001号"
    assert proposal.document.title == "收监执行建议书"
    assert proposal.judicial_administration == world.cja
    assert supervised.participants.filter(
        organisation=world.cja, capacity="judicial_administration"
    ).exists()
    assert Notice.objects.filter(recipient=world.cja_head, subject__contains="examine").exists()
    text = pdf_text(proposal.document, tmp_path)
    assert "张三" in text and "收监执行建议书" in text and "西湖矫收建" in text
    assert "电子定位" in text


def test_a_proposal_without_a_ground_is_refused_naming_the_article(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as refused:
        propose(world, supervised)
    assert _articles(refused) == {"CCL Art 49 ¶1"}
    assert Supervision.objects.get(case=supervised).state == SupervisionState.UNDER_SUPERVISION


def test_a_ground_without_evidence_is_refused_and_an_upload_proves_it(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as refused:
        propose(world, supervised, grounds=["spc_516_8"])
    assert _articles(refused) == {"CCL Art 49 ¶1"}
    assert "Other serious violations" in str(refused.value)
    proposal = propose(
        world, supervised, grounds=["spc_516_8"], evidence_spc_516_8=scan("facts.pdf")
    )
    assert list(proposal.ground_evidence) == ["spc_516_8"]
    assert proposal.evidence.get().original_name == "facts.pdf"


def test_a_raised_ground_does_not_prove_an_unrelated_ground(world, supervised) -> None:
    ground = disappeared(world, supervised)
    with pytest.raises(TransitionRefused) as refused:
        propose(world, supervised, grounds=["spc_516_4"], raised_grounds=[ground])
    assert _articles(refused) == {"CCL Art 49 ¶1"}


def test_a_period_claimed_without_proof_is_refused_naming_art_26(world, supervised) -> None:
    import datetime as dt

    period = {
        "non_counted_claimed": True,
        "non_counted_first_day": dt.date(2026, 4, 1),
        "non_counted_last_day": dt.date(2026, 4, 20),
        "non_counted_explanation": "脱逃期间",
    }
    ground = disappeared(world, supervised)
    with pytest.raises(TransitionRefused) as refused:
        propose(world, supervised, grounds=["cpl_268_3"], raised_grounds=[ground], **period)
    assert _articles(refused) == {"P2014 Art 26 ¶1"}
    with pytest.raises(TransitionRefused) as refused:
        propose(
            world,
            supervised,
            grounds=["cpl_268_3"],
            raised_grounds=[ground],
            **{**period, "non_counted_explanation": "", "non_counted_proof": scan()},
        )
    assert _articles(refused) == {"P2014 Art 26 ¶1"}
    proposal = propose(
        world,
        supervised,
        grounds=["cpl_268_3"],
        raised_grounds=[ground],
        **period,
        non_counted_proof=scan("escape.pdf"),
    )
    assert proposal.non_counted_proof.original_name == "escape.pdf"


def test_without_a_county_judicial_administration_the_proposal_is_refused(
    world, supervised
) -> None:
    Organisation.objects.filter(type=OrganisationType.JUDICIAL_ADMINISTRATION).update(
        region_code="330199"
    )
    with pytest.raises(TransitionRefused) as refused:
        propose_on_review(world, supervised)
    assert _articles(refused) == {"P2014 Art 23 ¶1"}
    assert "330106" in str(refused.value)


def test_a_second_proposal_while_one_is_pending_is_refused(world, supervised) -> None:
    propose_on_review(world, supervised)
    review(world, supervised, finding=ReviewFinding.PERSIST)
    with pytest.raises(TransitionRefused) as refused:
        propose(world, supervised, grounds=["spc_516_8"], evidence_spc_516_8=scan())
    assert _articles(refused) == {"P2014 Art 23 ¶1; CCL Art 49 ¶1"}
