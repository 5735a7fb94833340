"""The law's refusals of T-S07, each naming its article: the notice only once the person is
back in custody (P2014 Art 26 ¶1: "被收监执行的罪犯"), never on the court path (SPC-Interp
Art 518: the court fixes the period in its decision on imprisonment), each step after the one
before, and the proposal only to an intermediate court of the institution's place."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cases.models import Case, CasePath
from kernel.accounts.roles import CourtLevel, OrganisationType
from kernel.refusals import TransitionRefused
from supervision.recalculation.models import RecalculationProposal
from tests.factories import OrganisationFactory

from .recalculation_steps import (
    NOTICE_DAY,
    PROPOSE_DAY,
    notify,
    on,
    proof,
    propose,
    receive,
    returned_to_custody,
    rule,
    take,
)


def _articles(refused: pytest.ExceptionInfo[TransitionRefused]) -> set[str]:
    return {r.article for r in refused.value.requirements}


def test_no_notice_before_the_person_is_back_in_custody(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as refused:
        notify(world, supervised)
    assert _articles(refused) == {"P2014 Art 26 ¶1"}
    assert not RecalculationProposal.objects.exists()


def test_the_court_path_is_refused_naming_spc_interp_art_518(world, supervised) -> None:
    returned_to_custody(supervised)
    Case.objects.filter(pk=supervised.pk).update(path=CasePath.COURT)
    with pytest.raises(TransitionRefused) as refused:
        notify(world, supervised)
    assert _articles(refused) == {"SPC-Interp Art 518"}


def test_no_proposal_without_the_notice(world, supervised) -> None:
    returned_to_custody(supervised)
    with pytest.raises(TransitionRefused) as refused:
        propose(world, supervised)
    assert _articles(refused) == {"P2014 Art 26 ¶1"}


def test_no_ruling_before_the_receipt_and_no_second_notice(world, supervised) -> None:
    returned_to_custody(supervised)
    notify(world, supervised)
    with pytest.raises(TransitionRefused):
        notify(world, supervised)
    propose(world, supervised)
    with pytest.raises(TransitionRefused) as refused:
        rule(world, supervised)
    assert _articles(refused) == {"P2014 Art 26 ¶1"}


def test_a_basic_court_or_another_citys_court_is_refused(world, supervised) -> None:
    returned_to_custody(supervised)
    notify(world, supervised)
    elsewhere = OrganisationFactory(
        name="南京市中级人民法院",
        type=OrganisationType.COURT,
        court_level=CourtLevel.INTERMEDIATE,
        region_code="320100",
    )
    for court in (world.court, elsewhere):
        with pytest.raises(ValidationError) as invalid:
            propose(world, supervised, court=court)
        assert "court" in invalid.value.message_dict
    assert RecalculationProposal.objects.get().court is None


def test_only_the_organs_of_the_case_take_the_acts(world, supervised) -> None:
    returned_to_custody(supervised)
    with pytest.raises(PermissionDenied):  # the public security approver did not decide
        take(supervised, "recalculation_notice", NOTICE_DAY, world.mps_approver)
    notify(world, supervised)
    with pytest.raises((PermissionDenied, Http404)):  # not the institution notified
        take(
            supervised,
            "recalculation_propose",
            PROPOSE_DAY,
            world.clerk_b,
            court=world.court_mid.pk,
            opinion="x",
        )
    propose(world, supervised)
    with pytest.raises((PermissionDenied, Http404)):  # not the court proposed to
        take(supervised, "recalculation_receipt_record", PROPOSE_DAY, world.judge)
    receive(world, supervised)
    with pytest.raises(PermissionDenied):  # a clerk of the court does not rule
        take(supervised, "recalculation_rule", PROPOSE_DAY, world.clerk_a, not_counted=False)


def test_the_claim_of_the_proposal_for_imprisonment_prefills_the_notice(world, supervised) -> None:
    """P2014 Art 26 ¶1: the proposal for imprisonment explained the period and attached its
    proof; the notice starts from it and, without a new file, keeps that proof."""
    from django.utils import timezone

    from cases.models import EvidenceKind
    from cases.services.workflow import evidence_store
    from supervision.models import Supervision
    from supervision.revocation.models import ProposalOrigin, RevocationProposal

    from .recalculation_steps import FIRST, LAST

    record = Supervision.objects.get(case=supervised)
    with on(NOTICE_DAY):
        kept = evidence_store(
            case=supervised,
            actor=world.officer,
            kind=EvidenceKind.OTHER,
            upload=proof(),
            description="脱逃期间证明",
        )
        claimed = RevocationProposal.objects.create(
            supervision=record,
            origin=ProposalOrigin.CCI,
            grounds=["spc_516_2"],
            reasons="脱逃",
            non_counted_claimed=True,
            non_counted_first_day=FIRST,
            non_counted_last_day=LAST,
            non_counted_explanation="自2026年7月1日起脱逃",
            non_counted_proof=kept,
            proposing_organisation=world.cci,
            proposed_by=world.officer,
            proposed_at=timezone.now(),
        )
    returned_to_custody(supervised)
    with on(NOTICE_DAY):
        page = (
            world.client_for(world.approver)
            .get(f"/supervision/cases/{supervised.pk}/community/")
            .content.decode()
        )
    assert 'value="2026-07-01"' in page and "自2026年7月1日起脱逃" in page
    proposal = notify(world, supervised, proof=None)
    assert proposal.proof == kept
    assert proposal.revocation_proposal == claimed


def test_without_any_proof_the_notice_is_refused(world, supervised) -> None:
    returned_to_custody(supervised)
    with pytest.raises(ValidationError) as invalid:
        notify(world, supervised, proof=None)
    assert "proof" in invalid.value.message_dict


def test_the_institution_that_took_the_person_back_proposes(world, supervised) -> None:
    """The receiving institution of the return, when it takes part in the case, is the one
    notified; the intermediate courts offered are those of its own place."""
    from cases.jurisdiction import Capacity
    from cases.models import CaseParticipant
    from supervision.recalculation.acts import intermediate_courts

    returned_to_custody(supervised)
    CaseParticipant.objects.create(
        case=supervised, organisation=world.dc, capacity=Capacity.RECEIVING_INSTITUTION
    )
    proposal = notify(world, supervised)
    assert proposal.institution == world.dc
    assert list(intermediate_courts(world.dc)) == [world.court_mid]
    with pytest.raises(PermissionDenied):  # the original prison no longer proposes
        propose(world, supervised)
