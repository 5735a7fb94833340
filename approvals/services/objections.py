"""The procuratorate's objection to a decision and the deciding organ's re-examination (P2014
Art 30; CPL Art 267; legal-spec D-10, D-11)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.jurisdiction import Capacity
from cases.models import Case, CaseState
from cases.rules import Requirement
from cases.services.workflow import TransitionRefused, case_lock_for_update
from kernel.accounts.models import User
from kernel.accounts.roles import APPROVING_ROLES, Role
from kernel.audit.services import audit_record
from kernel.deadlines.models import Deadline
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.notices.services import notice_send_to_role

from ..models import Delivery, ProcuratorialObjection, Publication
from ._common import _authority_of

#: The procuratorate may object within one month of receiving the decision (P2014 Art 30),
#: whether or not the person has been released in the meantime.
OBJECTIONABLE_STATES = frozenset(
    {
        CaseState.APPROVED,
        CaseState.RELEASE_PREPARATION,
        CaseState.ESCORT,
        CaseState.UNDER_SUPERVISION,
    }
)


@transaction.atomic
def objection_file(*, case_id: int, actor: User, grounds: str) -> ProcuratorialObjection:
    """The procuratorate at the deciding organ's level objects within one month of receiving
    the decision (P2014 Art 30; CPL Art 267); the authority must re-examine at once."""
    case = case_lock_for_update(case_id, None)
    decision = getattr(case, "decision", None)
    if decision is None or not decision.approved or case.state not in OBJECTIONABLE_STATES:
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Art 30",
                    _("Only a decision approving temporary execution in force can be objected to."),
                )
            ]
        )
    delivery = decision.deliveries.filter(
        purpose=Delivery.Purpose.PROCURATORATE, recipient_id=actor.organisation_id
    ).first()
    if Role.PROCURATOR not in actor.role_codes or delivery is None:
        raise PermissionDenied(_("Only the procuratorate the decision was copied to objects."))
    if not grounds.strip():
        raise ValidationError(_("State the grounds of the objection."))
    now = timezone.now()
    from django.contrib.contenttypes.models import ContentType

    window = Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(Case),
        subject_id=case.pk,
        kind="D-10",
        responsible_organisation_id=actor.organisation_id,
    ).first()
    if window is not None and window.due_at is not None and now > window.due_at:
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Art 30; CPL Art 267",
                    _("The month to object ended on %(date)s.") % {"date": window.due_date},
                )
            ]
        )
    objection = ProcuratorialObjection.objects.create(
        decision=decision,
        procuratorate=delivery.recipient,  # the procuratorate the decision was copied to
        author=actor,
        filed_at=now,
        grounds=grounds,
    )
    audit_record(
        actor=actor,
        action="decision.objected",
        obj=case,
        reason=grounds,
        payload={"objection_id": objection.pk},
    )
    deadline_meet(subject=case, code="D-10", event="procuratorial objection", actor=actor, at=now)
    deadline_open(
        code="D-11",
        subject=case,
        trigger_at=now,
        responsible_organisation=decision.authority,
        actor=actor,
    )
    notice_send_to_role(
        organisation_id=decision.authority_id,
        roles=list(APPROVING_ROLES),
        key=f"objection:{objection.pk}",
        subject=_("Procuratorial objection to %(number)s: re-examine at once")
        % {"number": decision.number},
        body=grounds[:500],
        link=case.get_absolute_url(),
        severity="danger",
    )
    return objection


@transaction.atomic
def objection_review(
    *, objection_id: int, actor: User, maintain: bool, reasons: str
) -> ProcuratorialObjection:
    """The authority's re-examination: the decision is maintained or revoked, and the
    procuratorate and the institution are told (P2014 Art 30)."""
    objection = (
        ProcuratorialObjection.objects.select_for_update()
        .select_related("decision")
        .get(pk=objection_id)
    )
    decision = objection.decision
    case = case_lock_for_update(decision.case_id, None)
    _authority_of(case, actor)
    if objection.outcome:
        raise ValidationError(_("This objection has already been re-examined."))
    if not reasons.strip():
        raise ValidationError(_("Give the reasons of the re-examination."))
    now = timezone.now()
    objection.outcome = (
        ProcuratorialObjection.Outcome.MAINTAINED
        if maintain
        else ProcuratorialObjection.Outcome.REVOKED
    )
    objection.reviewed_at, objection.reviewed_by, objection.review_reasons = now, actor, reasons
    objection.save()
    before = case.state
    if not maintain and case.state not in (CaseState.APPROVED, CaseState.RELEASE_PREPARATION):
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Arts 23, 30",
                    _(
                        "The person has already left the institution: revoking the decision "
                        "means deciding imprisonment."
                    ),
                )
            ]
        )
    if not maintain:
        case.revoke_approval()
        case.save()
        Publication.objects.filter(decision=decision).update(withdrawn=True)
    audit_record(
        actor=actor,
        action=f"decision.{objection.outcome}",
        obj=case,
        from_state=before,
        to_state=case.state,
        reason=reasons,
    )
    deadline_meet(
        subject=case, code="D-11", event=f"re-examined: {objection.outcome}", actor=actor, at=now
    )
    institution = case.participant(Capacity.INSTITUTION)
    assert institution is not None, "registration makes the institution a participant"
    for organisation_id, roles in (
        (objection.procuratorate_id, [Role.PROCURATOR]),
        (institution.pk, [Role.PRISON_CLERK, Role.PRISON_LEADER]),
    ):
        notice_send_to_role(
            organisation_id=organisation_id,
            roles=roles,
            key=f"objection-review:{objection.pk}",
            subject=_("Re-examination of %(number)s: %(outcome)s")
            % {"number": decision.number, "outcome": objection.get_outcome_display()},
            body=reasons[:500],
            link=case.get_absolute_url(),
        )
    return objection
