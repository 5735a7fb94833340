"""The procuratorate's objection to a decision and the deciding organ's re-examination (P2014
Art 30; CPL Art 267; legal-spec D-10, D-11): the named calls of the acts declared in
`approvals.acts.objections`."""

from __future__ import annotations

from cases.acts.registry import ACTS
from cases.acts.runner import act_run
from kernel.accounts.models import User

from ..models import ProcuratorialObjection
from ._common import case_of


def objection_file(*, case_id: int, actor: User, grounds: str) -> ProcuratorialObjection:
    """The procuratorate at the deciding organ's level objects within one month of receiving
    the decision (P2014 Art 30; CPL Art 267); the authority must re-examine at once."""
    objection: ProcuratorialObjection = act_run(
        ACTS["objection_file"], case_id=case_id, actor=actor, expected_state=None, grounds=grounds
    )
    return objection


def objection_review(
    *,
    objection_id: int,
    actor: User,
    maintain: bool,
    reasons: str,
    otp_code: str | None = None,
) -> ProcuratorialObjection:
    """The authority's re-examination: the decision is maintained or revoked, and the
    procuratorate and the institution are told (P2014 Art 30). The result is a decision of the
    case (DOC-39); revoking under community correction is deciding imprisonment (Art 23).
    `otp_code` signs the document the re-examination issues."""
    objection: ProcuratorialObjection = act_run(
        ACTS["objection_review"],
        case_id=case_of(
            ProcuratorialObjection.objects.filter(pk=objection_id), "decision__case_id"
        ),
        actor=actor,
        expected_state=None,
        objection_id=objection_id,
        maintain=maintain,
        reasons=reasons,
        otp_code=otp_code,
    )
    return objection
