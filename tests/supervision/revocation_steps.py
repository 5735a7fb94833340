"""Shared steps of the revocation tests (supervision.revocation): a review that finds the
circumstances gone, the officer's proposal, the county judicial administration's examination
and the procuratorate's suggestion, each taken through the one runner on a given day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cases.acts.runner import act_run
from supervision.models import ReviewFinding, RevocationGround
from supervision.revocation.acts import REVOCATION_EXAMINE, REVOCATION_PROPOSE, REVOCATION_SUGGEST

from .discipline_helpers import on, scan
from .medical_steps import review

PROPOSED_ON = dt.date(2026, 6, 25)
EXAMINED_ON = dt.date(2026, 6, 28)
REASONS = "经病情复查，保外就医情形已经消失，刑期尚未届满"


def disappeared(world: Any, case: Any) -> RevocationGround:
    """The review of 20 June 2026 finds the circumstances of medical parole gone."""
    recorded = review(world, case, finding=ReviewFinding.DISAPPEARED)
    return RevocationGround.objects.get(source_id=recorded.pk)


def propose(world: Any, case: Any, *, actor: Any = None, **params: Any) -> Any:
    data: dict[str, Any] = {"grounds": [], "raised_grounds": [], "reasons": REASONS, **params}
    with on(PROPOSED_ON):
        return act_run(
            REVOCATION_PROPOSE,
            case_id=case.pk,
            actor=actor or world.officer,
            expected_state="under_supervision",
            **data,
        )


def propose_on_review(world: Any, case: Any, **params: Any) -> Any:
    ground = disappeared(world, case)
    return propose(
        world, case, grounds=["cpl_268_3", "spc_516_6"], raised_grounds=[ground], **params
    )


def examine(world: Any, case: Any, *, approve: bool, actor: Any = None) -> Any:
    with on(EXAMINED_ON):
        return act_run(
            REVOCATION_EXAMINE,
            case_id=case.pk,
            actor=actor or world.cja_head,
            expected_state="under_supervision",
            approve=approve,
            opinion="经审核，同意提请收监执行" if approve else "证据不足，不同意",
        )


def suggest(world: Any, case: Any, *, actor: Any = None, **params: Any) -> Any:
    data: dict[str, Any] = {
        "grounds": ["spc_516_8"],
        "raised_grounds": [],
        "reasons": "罪犯多次违反监督管理规定，应当收监执行而未收监",
        "evidence_spc_516_8": scan("violations.pdf"),
        **params,
    }
    with on(PROPOSED_ON):
        return act_run(
            REVOCATION_SUGGEST,
            case_id=case.pk,
            actor=actor or world.procurator_a,
            expected_state="under_supervision",
            **data,
        )
