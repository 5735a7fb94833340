"""The procuratorate's objection to a decision and the deciding organ's re-examination
(P2014 Art 30; CPL Art 267; legal-spec D-10, D-11), declared once:

- `objection_file`: the procuratorate the decision was copied to objects within one month of
  receiving it, whether or not the person has been released in the meantime;
- `objection_review`: the deciding organ re-examines at once and maintains or revokes it; its
  result is a decision of the case (DOC-39, kind "reexamination"). Revoking while the person is
  still in the institution revokes the approval; once the person is under community correction,
  revoking is deciding imprisonment (P2014 Arts 23, 30): the act `imprisonment_decide` of
  `supervision.imprisonment`, read from the registry, issues that decision too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import ACTS, acts_register
from cases.jurisdiction import Capacity
from cases.models import Case, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import APPROVING_ROLES, CUSTODY_ROLES, OrganisationType, Role
from kernel.deadlines.models import Deadline
from kernel.deadlines.selectors import deadlines_of
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.documents.services import document_issue
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement, TransitionRefused

from ..models import ApprovalDecision, DecisionKind, Delivery, ProcuratorialObjection, Publication
from ..services._common import _authority_of
from ..services.decision import decision_document_sign, decision_number_issue
from .deliveries import deliveries_send

_ART_30 = "P2014 Art 30; CPL Art 267"

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
#: Revoking the approval is possible while the person is still in the institution; after
#: that, revoking means deciding imprisonment (P2014 Arts 23, 30).
REVOCABLE_STATES = frozenset({CaseState.APPROVED, CaseState.RELEASE_PREPARATION})
#: Under community correction revoking is the decision on imprisonment (P2014 Arts 23, 30).
IMPRISONMENT_STATES = frozenset({CaseState.UNDER_SUPERVISION})
#: The re-examination result's number series (DOC-39) and the act that decides imprisonment.
REEXAMINATION_SERIES = "核查"
IMPRISONMENT_ACT = "imprisonment_decide"
#: The key under which the imprisonment act receives the objection it answers.
ON_OBJECTION = "on_objection"


def reexamination_clock(authority: Organisation) -> str:
    """A court re-examines within one month (D-11c, SPC-Interp Art 515 ¶3); an approving
    authority "immediately", with the five-working-day soft limit D-11 (issue 13, P7/P8)."""
    return "D-11c" if authority.type == OrganisationType.COURT else "D-11"


def _copy_to(case: Case, actor: User) -> Delivery | None:
    decision = getattr(case, "decision", None)
    if decision is None or actor.organisation_id is None:
        return None
    copy: Delivery | None = (
        decision.deliveries.filter(
            purpose=Delivery.Purpose.PROCURATORATE, recipient_id=actor.organisation_id
        )
        .select_related("recipient")
        .first()
    )
    return copy


def objecting_procuratorate_of(case: Case, actor: User) -> Organisation:
    """The procuratorate the decision was copied to, by its procurators (Art 30)."""
    copy = _copy_to(case, actor)
    if Role.PROCURATOR not in actor.role_codes or copy is None:
        raise PermissionDenied(_("Only the procuratorate the decision was copied to objects."))
    procuratorate: Organisation = copy.recipient
    return procuratorate


def _month_ended(window: Deadline) -> Requirement | None:
    if window.due_at is not None and timezone.now() > window.due_at:
        return Requirement(
            _ART_30, _("The month to object ended on %(date)s.") % {"date": window.due_date}
        )
    return None


def _objection_requires(case: Case, params: Params) -> list[Requirement]:
    decision = getattr(case, "decision", None)
    if decision is None or not decision.approved:
        return [
            Requirement(
                "P2014 Art 30",
                _("Only a decision approving temporary execution in force can be objected to."),
            )
        ]
    # The month runs from each copy's receipt (D-10); it is over when every window is.
    ended = [_month_ended(window) for window in deadlines_of(case, kinds=["D-10"])]
    if ended and all(ended):
        return [r for r in ended[:1] if r is not None]
    return []


def _objection_clean(case: Case, params: Params) -> None:
    if not str(params.get("grounds", "")).strip():
        raise ValidationError(_("State the grounds of the objection."))


def _objected(firing: Firing) -> ProcuratorialObjection:
    case, actor, now = firing.case, firing.actor, timezone.now()
    decision = case.decision  # type: ignore[attr-defined]
    procuratorate = firing.organisation  # the procuratorate the decision was copied to
    window = deadlines_of(case, kinds=["D-10"]).filter(responsible_organisation=procuratorate)
    late = [r for r in map(_month_ended, window[:1]) if r is not None]
    if late:  # this procuratorate's own month (Art 30)
        raise TransitionRefused(late)
    objection = ProcuratorialObjection.objects.create(
        decision=decision,
        procuratorate=procuratorate,
        author=actor,
        filed_at=now,
        grounds=firing.params["grounds"],
    )
    firing.payload["objection_id"] = objection.pk
    deadline_meet(subject=case, code="D-10", event="procuratorial objection", actor=actor, at=now)
    deadline_open(
        code=reexamination_clock(decision.authority),
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
        body=firing.params["grounds"][:500],
        link=case.get_absolute_url(),
        severity="danger",
    )
    return objection


def _review_of(case: Case, params: Params) -> ProcuratorialObjection:
    """The objection named by the input, among this case's objections only."""
    objection = (
        ProcuratorialObjection.objects.select_related("decision")
        .filter(pk=int(params.get("objection_id") or 0), decision__case=case)
        .first()
    )
    if objection is None:
        raise Http404
    return objection


def _review_requires(case: Case, params: Params) -> list[Requirement]:
    if params.get("maintain", True) or case.state in REVOCABLE_STATES:
        return []
    if case.state in IMPRISONMENT_STATES:
        imprisonment = ACTS[IMPRISONMENT_ACT]
        assert imprisonment.requires is not None
        return imprisonment.requires(case, {ON_OBJECTION: True})
    return [
        Requirement(
            "P2014 Arts 23, 30",
            _(
                "The person has already left the institution: revoking the decision "
                "means deciding imprisonment."
            ),
        )
    ]


def _review_clean(case: Case, params: Params) -> None:
    if _review_of(case, params).outcome:
        raise ValidationError(_("This objection has already been re-examined."))
    if not str(params.get("reasons", "")).strip():
        raise ValidationError(_("Give the reasons of the re-examination."))


def _reviewed(firing: Firing) -> ProcuratorialObjection:
    case, actor, params, now = firing.case, firing.actor, firing.params, timezone.now()
    objection = _review_of(case, params)
    decision = objection.decision
    maintain = bool(params["maintain"])
    objection.outcome = (
        ProcuratorialObjection.Outcome.MAINTAINED
        if maintain
        else ProcuratorialObjection.Outcome.REVOKED
    )
    objection.reviewed_at, objection.reviewed_by = now, actor
    objection.review_reasons = params["reasons"]
    objection.save()
    imprisoning = not maintain and case.state in IMPRISONMENT_STATES
    result = _reexamination_issue(
        firing, objection, maintain, otp_code=None if imprisoning else params.get("otp_code")
    )
    firing.payload.update(objection_id=objection.pk, reexamination_decision_id=result.pk)
    if not maintain:
        Publication.objects.filter(decision=decision).update(withdrawn=True)
    if imprisoning:
        # P2014 Arts 23, 30: the decision on imprisonment, by the one procedure that issues it
        # (signed with the decider's code when given).
        act = ACTS[IMPRISONMENT_ACT]
        assert act.effects is not None
        imprisonment = act.effects(
            Firing(
                act=act,
                case=case,
                actor=actor,
                organisation=firing.organisation,
                params={
                    "imprison": True,
                    "reasons": params["reasons"],
                    "otp_code": params.get("otp_code"),
                    ON_OBJECTION: objection.pk,
                },
                before=firing.before,
            )
        )
        firing.payload["imprisonment_decision_id"] = imprisonment.pk
    elif not maintain:
        case.revoke_approval()
        case.save()
    firing.action = f"decision.{objection.outcome}"
    deadline_meet(
        subject=case,
        code=reexamination_clock(decision.authority),
        event=f"re-examined: {objection.outcome}",
        actor=actor,
        at=now,
    )
    institution = case.participant(Capacity.INSTITUTION)
    assert institution is not None, "registration makes the institution a participant"
    for organisation_id, roles in (
        (objection.procuratorate_id, [Role.PROCURATOR]),
        (institution.pk, list(CUSTODY_ROLES)),
    ):
        notice_send_to_role(
            organisation_id=organisation_id,
            roles=roles,
            key=f"objection-review:{objection.pk}",
            subject=_("Re-examination of %(number)s: %(outcome)s")
            % {"number": decision.number, "outcome": objection.get_outcome_display()},
            body=params["reasons"][:500],
            link=case.get_absolute_url(),
        )
    return objection


def _reexamination_issue(
    firing: Firing, objection: ProcuratorialObjection, maintain: bool, *, otp_code: str | None
) -> ApprovalDecision:
    """DOC-39: the result of the re-examination is a decision of the case, with its own number
    and document (P2014 Art 30; SPC-Interp Art 515 ¶3)."""
    case, actor, authority, now = firing.case, firing.actor, firing.organisation, timezone.now()
    number = decision_number_issue(authority=authority, series=REEXAMINATION_SERIES)
    title = "重新核查结果"
    document = document_issue(
        subject=case,
        template="reexamination_result",
        number=number,
        title=title,
        issuing_organisation=authority,
        issued_on=timezone.localdate(now),
        actor=actor,
        context={
            "case": case,
            "offender": case.offender,
            "teop": objection.decision,
            "objection": objection,
            "maintain": maintain,
            "under_supervision": case.state in IMPRISONMENT_STATES,
        },
    )
    result = ApprovalDecision.objects.create(
        case=case,
        kind=DecisionKind.REEXAMINATION,
        approved=maintain,
        authority=authority,
        decided_by=actor,
        decided_at=now,
        number=number,
        reasons=objection.review_reasons,
        document=document,
        answers_type=ContentType.objects.get_for_model(objection),
        answers_id=objection.pk,
    )
    if otp_code is not None:
        decision_document_sign(document=document, actor=actor, otp_code=otp_code, reason=title)
    deliveries_send(
        result,
        [(objection.procuratorate, Delivery.Purpose.PROCURATORATE)],
        sent_at=now,
        actor=actor,
    )
    return result


class ObjectionParams(serializers.Serializer[Any]):
    grounds = serializers.CharField(max_length=4000, help_text="The grounds of the objection.")


class ObjectionReviewParams(serializers.Serializer[Any]):
    objection_id = serializers.IntegerField(help_text="An objection to this case's decision.")
    maintain = serializers.BooleanField(help_text="Maintain the decision, or revoke it.")
    reasons = serializers.CharField(max_length=4000, help_text="The reasons of the re-examination.")
    otp_code = serializers.RegexField(
        r"^\s*\d{6}\s*$",
        required=False,
        help_text=(
            "The six-digit code of the decider's authenticator app: signs the result (DOC-39), "
            "or the decision on imprisonment when revoking under community correction."
        ),
    )


class ObjectionResult(serializers.ModelSerializer[ProcuratorialObjection]):
    class Meta:
        model = ProcuratorialObjection
        fields = [
            "id",
            "decision",
            "procuratorate",
            "filed_at",
            "grounds",
            "outcome",
            "reviewed_at",
            "review_reasons",
        ]


OBJECTION_FILE = Act(
    name="objection_file",
    label=gettext_lazy("Object to the decision"),
    article=_ART_30,
    may=objecting_procuratorate_of,
    states=OBJECTIONABLE_STATES,
    requires=_objection_requires,
    clean=_objection_clean,
    effects=_objected,
    reason_param="grounds",
    audit="decision.objected",
    params=ObjectionParams,
    result=ObjectionResult,
    example={"grounds": "诊断医师之一系罪犯近亲属，未依法回避，诊断程序违法。"},
)

OBJECTION_REVIEW = Act(
    name="objection_review",
    label=gettext_lazy("Re-examine the decision on the objection"),
    article=_ART_30,
    may=_authority_of,
    states=OBJECTIONABLE_STATES,
    requires=_review_requires,
    clean=_review_clean,
    effects=_reviewed,
    reason_param="reasons",
    audit="decision.maintained",
    signed=True,
    params=ObjectionReviewParams,
    result=ObjectionResult,
    example={
        "objection_id": 4,
        "maintain": True,
        "reasons": "经重新核查，回避声明属实，诊断程序合法，维持原决定。",
    },
)

acts_register([OBJECTION_FILE, OBJECTION_REVIEW])
