"""The acts of the proposal procedure (legal-spec §3.1-3.2, T-B01…T-B10; P2014 Arts 8-14),
declared once. The court takes the three assessment acts itself on the court path (T-A02;
P2014 Art 17; SPC-Interp Art 514): the same declarations, with the court as actor.

Each act fires the transition of the same name on `Case`; its requirements are those of
`cases.rules.missing`, its effects (for the submission) the approval form, the submission
record, the 15-working-day clock D-04 and the notice to the approving authority.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import APPROVING_ROLES, Role
from kernel.deadlines.services import deadline_open
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement

from ..jurisdiction import Capacity
from ..models import Case, CasePath, CaseState, ProposalSignOff, ProposalSubmission
from ..rules import SIGNOFF_ARTICLE, missing
from ..services.workflow import require_assessor_of, require_clerk_of
from .declaration import Act, Firing, Params
from .registry import acts_register
from .runner import act_run


def proposing_clerk_of(case: Case, actor: User) -> Organisation:
    """The proposal is the prison's or detention centre's (Arts 8-14): on the court path the
    court decides without one (Art 17)."""
    if case.path == CasePath.COURT:
        raise PermissionDenied(
            _(
                "On the court path the court takes this step, not the detention centre "
                "(P2014 Art 17)."
            )
        )
    return require_clerk_of(case, actor)


def _requires(step: str) -> Any:
    return lambda case, params: missing(case, step)


def _reason_required(case: Case, params: Params) -> None:
    if not str(params.get("reason", "")).strip():
        raise ValidationError(_("Give the reasons for not proposing the case."))


def _submitted(firing: Firing) -> Case:
    """Art 14: the approving authority decides within 15 working days of receipt. Electronic
    submission is received the moment it is made; the receipt time is recorded. The approval
    form (DOC-14) goes with the dossier, issued as a fingerprinted PDF."""
    from kernel.documents.services import document_issue

    from ..documents import DOCUMENTS, case_document_context

    case, actor = firing.case, firing.actor
    authority = case.participant(Capacity.DECISION_ORGAN)
    assert authority is not None, "registration makes the deciding organ a participant"
    now = timezone.now()
    template, title = DOCUMENTS["approval-form"]
    context = case_document_context(case, "approval-form")
    approval_form = document_issue(
        subject=case,
        template=template,
        context=context,
        number=f"{case.number}（审批表）",
        title=title,
        issuing_organisation=context["institution"],
        issued_on=timezone.localdate(),
        actor=actor,
    )
    ProposalSubmission.objects.create(
        case=case,
        approving_authority=authority,
        submitted_at=now,
        received_at=now,
        emergency=firing.act.name == "submit_emergency",
        approval_form=approval_form,
    )
    deadline_open(
        code="D-04", subject=case, trigger_at=now, responsible_organisation=authority, actor=actor
    )
    notice_send_to_role(
        organisation_id=authority.pk,
        roles=list(APPROVING_ROLES),
        key=f"case-submitted:{case.pk}",
        subject=_("Proposal received: %(case)s") % {"case": case.number},
        body=_("Decide within 15 working days of receipt (P2014 Art 14)."),
        link=case.get_absolute_url(),
    )
    return case


class StepParams(serializers.Serializer[Any]):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=4000,
        help_text="The written reason (required for not proposing the case).",
    )


def _step(
    name: str,
    label: Any,
    *,
    may: Any = proposing_clerk_of,
    article: str = "P2014 Arts 8-14",
    **kwargs: Any,
) -> Act:
    return Act(
        name=name,
        label=label,
        article=article,
        may=may,
        transition=name,
        requires=_requires(name),
        reason_param="reason",
        params=StepParams,
        **kwargs,
    )


SCREEN = _step(
    "screen",
    gettext_lazy("Confirm the screening"),
    may=require_assessor_of,
    article="P2014 Arts 5-8, 17",
)
START_ASSESSMENT = _step(
    "start_assessment",
    gettext_lazy("Start the diagnosis or identification"),
    may=require_assessor_of,
    article="P2014 Arts 8 ¶3, 9, 17",
)
RECORD_ASSESSMENT = _step(
    "record_assessment",
    gettext_lazy("Confirm the assessment"),
    may=require_assessor_of,
    article="P2014 Arts 9, 17",
)
PREPARE = _step("prepare", gettext_lazy("Start the preparation"), article="P2014 Arts 8 ¶2, 10-11")
READY_FOR_DELIBERATION = _step(
    "ready_for_deliberation", gettext_lazy("Ready for deliberation"), article="P2014 Art 13"
)
DELIBERATE = _step(
    "deliberate", gettext_lazy("Record the decision to propose"), article="P2014 Art 13 ¶1"
)
DECLINE = _step(
    "decline", gettext_lazy("Record the decision not to propose"), article="P2014 Art 13 ¶1"
)
START_PUBLICITY = _step(
    "start_publicity", gettext_lazy("Start the publicity"), article="P2014 Art 13 ¶1"
)
RECEIVE_OBJECTION = _step(
    "receive_objection", gettext_lazy("Examine an objection"), article="P2014 Art 13 ¶2"
)
DISMISS_OBJECTION = _step(
    "dismiss_objection",
    gettext_lazy("Objection not established: resume"),
    article="P2014 Art 13 ¶2",
)
UPHOLD_OBJECTION = _step(
    "uphold_objection",
    gettext_lazy("Objection established: do not propose"),
    article="P2014 Art 13 ¶2",
)
SUBMIT = _step(
    "submit",
    gettext_lazy("Submit to the approving authority"),
    article="P2014 Arts 13-14",
    effects=_submitted,
)
SUBMIT_EMERGENCY = _step(
    "submit_emergency",
    gettext_lazy("Submit at once (serious illness, no publicity)"),
    article="P2014 Art 13 ¶1",
    effects=_submitted,
)
NOT_PROPOSE = _step(
    "not_propose",
    gettext_lazy("Do not propose"),
    article="P2014 Arts 8-13",
    clean=_reason_required,
    example={"expected_state": "initiated", "reason": "经复查，不符合保外就医条件。"},
)


def prison_head_of(case: Case, actor: User) -> Organisation:
    """The head of the prison or detention centre holding the case (a leader of it, not a
    clerk) signs the proposal off; on the court path there is no proposal (Art 17)."""
    institution = case.participant(Capacity.INSTITUTION)
    if (
        case.path == CasePath.COURT
        or Role.PRISON_LEADER not in actor.role_codes
        or institution is None
        or institution.pk != actor.organisation_id
    ):
        raise PermissionDenied(
            _(
                "Only the head of the prison or detention centre filing this case signs the "
                "proposal off (P2014 Art 13 ¶2)."
            )
        )
    return institution


def _not_signed_yet(case: Case, params: Params) -> list[Requirement]:
    signoff = getattr(case, "signoff", None)
    if signoff is None:
        return []
    return [
        Requirement(
            SIGNOFF_ARTICLE,
            _("The proposal was signed off by %(name)s on %(date)s.")
            % {"name": signoff.signed_by, "date": f"{signoff.signed_at:%Y-%m-%d}"},
        )
    ]


def _signed_off(firing: Firing) -> Case:
    """The sign-off is recorded with who and when; the clerks of the institution are told
    that the proposal may now go out."""
    case, actor = firing.case, firing.actor
    signoff = ProposalSignOff.objects.create(
        case=case,
        institution=firing.organisation,
        signed_by=actor,
        signed_at=timezone.now(),
        comment=str(firing.params.get("reason", "")),
    )
    firing.payload.update(signoff_id=signoff.pk)
    notice_send_to_role(
        organisation_id=firing.organisation.pk,
        roles=[Role.PRISON_CLERK],
        key=f"case-signed-off:{case.pk}",
        subject=_("Proposal signed off: %(case)s") % {"case": case.number},
        body=_("The head of the institution signed the proposal off; it may be submitted."),
        link=case.get_absolute_url(),
    )
    return case


#: Separation of duties (legal-spec §3.6): the clerk prepares the proposal, the head of the
#: institution signs it off, and only then does it go to the approving authority.
PRISON_HEAD_SIGNOFF = Act(
    name="prison_head_signoff",
    label=gettext_lazy("Sign the proposal off (head of the institution)"),
    article=SIGNOFF_ARTICLE,
    may=prison_head_of,
    states=frozenset({CaseState.DELIBERATED, CaseState.PUBLICITY, CaseState.OBJECTION_REVIEW}),
    requires=_not_signed_yet,
    effects=_signed_off,
    reason_param="reason",
    params=StepParams,
    audit="case.prison_head_signoff",
    description="The head of the prison or detention centre signs the proposal off before "
    "it is submitted (approval form DOC-14; legal-spec §3.6).",
)


#: The acts of the proposal procedure, by the name of their transition.
PROPOSAL_ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        SCREEN,
        START_ASSESSMENT,
        RECORD_ASSESSMENT,
        PREPARE,
        READY_FOR_DELIBERATION,
        DELIBERATE,
        DECLINE,
        START_PUBLICITY,
        RECEIVE_OBJECTION,
        DISMISS_OBJECTION,
        UPHOLD_OBJECTION,
        PRISON_HEAD_SIGNOFF,
        SUBMIT,
        SUBMIT_EMERGENCY,
        NOT_PROPOSE,
    )
}
acts_register(PROPOSAL_ACTS.values())


def case_advance(
    *, case_id: int, actor: User, step: str, expected_state: str | None, reason: str = ""
) -> Case:
    """Take one act of the proposal procedure by its name (the step forms and the API)."""
    act = PROPOSAL_ACTS.get(step)
    if act is None:
        raise ValidationError(_("Unknown step."))
    result: Case = act_run(
        act, case_id=case_id, actor=actor, expected_state=expected_state, reason=reason
    )
    return result


def case_submit(*, case_id: int, actor: User, expected_state: str | None) -> Case:
    """T-B09: submit the proposal to the approving authority (P2014 Arts 13-14)."""
    result: Case = act_run(SUBMIT, case_id=case_id, actor=actor, expected_state=expected_state)
    return result


def case_signoff(
    *, case_id: int, actor: User, expected_state: str | None, reason: str = ""
) -> Case:
    """The head of the institution signs the proposal off before its submission."""
    result: Case = act_run(
        PRISON_HEAD_SIGNOFF,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        reason=reason,
    )
    return result


def case_not_propose(*, case_id: int, actor: User, expected_state: str | None, reason: str) -> Case:
    """T-B10: the institution decides not to propose, with its reasons."""
    result: Case = act_run(
        NOT_PROPOSE, case_id=case_id, actor=actor, expected_state=expected_state, reason=reason
    )
    return result
