"""The declared acts of the deciding organ on the question of imprisonment, registered with the
runner (legal-spec §3.4 T-S04, T-S05, T-S05x; P2014 Arts 23, 30; CCL Art 49 ¶2; SPC-Interp
Arts 517-518):

- `revocation_receipt_record` (T-S04): the organ the proposal or suggestion was sent to records
  its receipt; the 30 days to decide run from it (D-20, CCL Art 49 ¶2; SPC-Interp Art 517);
- `imprisonment_decide` (T-S05 / T-S05x): it decides imprisonment (DOC-28) or rejects the
  proposal with reasons, signed like the TEOP decision with the decider's one-time password.

The decision itself is one procedure, `imprisonment_issue`: the number, the document, its
signature, the decision of the case, the supervision's move, the deliveries, the clocks and the
notices. The re-examination after a procuratorial objection that revokes the decision once the
person is under community correction (P2014 Art 30, `approvals.acts.objections`) reaches it
through this act's declaration in the registry, with the objection as the question answered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from approvals.acts.deliveries import deliveries_send
from approvals.models import ApprovalDecision, DecisionKind, Delivery, ProcuratorialObjection
from approvals.services import decision_document_sign, decision_number_issue
from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.acts.runner import act_run
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import (
    APPROVING_ROLES,
    COURT_DECIDING_ROLES,
    COURT_ROLES,
    CUSTODY_ROLES,
    OrganisationType,
    Role,
)
from kernel.bounds import PAST_EVENT
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.documents.services import document_issue
from kernel.refusals import Requirement

from ..community_acts import _notify, _state_requires
from ..models import REVOCABLE, RevocationGroundKind, Supervision, SupervisionState
from ..revocation.models import ProposalStatus, RevocationProposal
from .models import ImprisonmentDecision

ART_RECEIPT = "CCL Art 49 ¶2; SPC-Interp Art 517"
ART_DECIDE = "P2014 Art 23; CCL Art 49 ¶2"
ART_30 = "P2014 Arts 23, 30"
ART_518 = "SPC-Interp Art 518"

_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
_RECEIVED = frozenset({SupervisionState.REVOCATION_UNDER_REVIEW})
_PROPOSED = frozenset({SupervisionState.REVOCATION_PROPOSED})

#: The series word of each number (浙狱收决〔2026〕001号): the decision on imprisonment, its
#: rejection, by the answer.
IMPRISONMENT_SERIES = {True: "收决", False: "不收决"}
#: DOC-28 and the reasoned decision not to imprison.
TITLES = {True: "收监执行决定书", False: "不予收监执行决定书"}

#: The key an internal caller (the re-examination of P2014 Art 30) passes: the objection whose
#: re-examination revokes the decision while the person is under community correction. The API
#: body has no such field.
ON_OBJECTION = "on_objection"


# Who decides: the organ the question was put to.


def _record(case: Case) -> Supervision | None:
    return Supervision.objects.filter(case=case).first()


def pending_proposal(case: Case, status: str) -> RevocationProposal | None:
    """The proposal or suggestion of this case awaiting the deciding organ, in `status`."""
    return (
        RevocationProposal.objects.filter(supervision__case=case, status=status)
        .select_related("sent_to", "judicial_administration", "procuratorate_copy_to")
        .order_by("-sent_at", "-id")
        .first()
    )


def deciding_organ(case: Case) -> Organisation | None:
    """The organ that answers the question: the one the pending proposal was sent to (the
    deciding organ, or the organ of the execution place, CCL Art 49 ¶1), else the organ that
    decided the temporary execution."""
    for status in (ProposalStatus.SENT, ProposalStatus.RECEIVED):
        proposal = pending_proposal(case, status)
        if proposal is not None and proposal.sent_to is not None:
            sent_to: Organisation = proposal.sent_to
            return sent_to
    record = _record(case)
    if record is not None and record.deciding_organ is not None:
        organ: Organisation = record.deciding_organ
        return organ
    return case.participant(Capacity.DECISION_ORGAN)


def _is_court(organ: Organisation) -> bool:
    return str(organ.type) == OrganisationType.COURT


def _staff_of(case: Case, actor: User, *, deciding: bool) -> Organisation:
    organ = deciding_organ(case)
    if organ is None or actor.organisation_id != organ.pk:
        raise PermissionDenied(_("Only the organ the proposal was sent to can do this."))
    if _is_court(organ):
        roles = COURT_DECIDING_ROLES if deciding else COURT_ROLES
    else:
        roles = APPROVING_ROLES
    if not actor.role_codes & roles:
        raise PermissionDenied(_("Only the organ the proposal was sent to can do this."))
    return organ


def receipt_recorder_of(case: Case, actor: User) -> Organisation:
    """An approver, a judge or a court clerk of the organ the proposal was sent to."""
    return _staff_of(case, actor, deciding=False)


def decider_of(case: Case, actor: User) -> Organisation:
    """An approver of the approving authority, or a judge of the court, the proposal was sent
    to: the one whose one-time password signs the decision."""
    return _staff_of(case, actor, deciding=True)


# T-S04: receipt (D-20).


def _receipt_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(case, _PROPOSED, ART_RECEIPT)
    if unmet:
        return unmet
    if pending_proposal(case, ProposalStatus.SENT) is None:
        return [Requirement(ART_RECEIPT, _("No proposal for imprisonment has been sent."))]
    return []


def _receipt_clean(case: Case, params: Params) -> None:
    received_at = params.get("received_at")
    if received_at is None:
        return
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("The date is in the future.")})
    proposal = pending_proposal(case, ProposalStatus.SENT)
    if proposal is not None and proposal.sent_at and received_at < proposal.sent_at:
        raise ValidationError(
            {"received_at": _("A document cannot be received before it was sent.")}
        )


def _received(firing: Firing) -> RevocationProposal:
    case, actor = firing.case, firing.actor
    proposal = pending_proposal(case, ProposalStatus.SENT)
    assert proposal is not None, "requires found it"
    received_at: dt.datetime = firing.params.get("received_at") or timezone.now()
    record = Supervision.objects.select_for_update().get(case=case)
    record.receive_revocation_proposal()
    record.save()
    proposal.status = ProposalStatus.RECEIVED
    proposal.received_at, proposal.received_by = received_at, actor
    proposal.save(update_fields=["status", "received_at", "received_by"])
    deadline_open(
        code="D-20",
        subject=case,
        trigger_at=received_at,
        responsible_organisation=firing.organisation,
        actor=actor,
    )
    firing.payload.update(proposal_id=proposal.pk, received_at=received_at.isoformat())
    subject = _("%(case)s: the proposal for imprisonment was received on %(day)s") % {
        "case": case.number,
        "day": timezone.localdate(received_at).isoformat(),
    }
    _notify(
        firing.organisation,
        _decider_roles(firing.organisation),
        case=case,
        key=f"revocation-received:{proposal.pk}",
        subject=subject,
        body=_("Decide within 30 days (CCL Art 49 ¶2)."),
        severity="warning",
    )
    _notify(
        record.executing_cci,
        [Role.CORRECTION_OFFICER],
        case=case,
        key=f"revocation-received:{proposal.pk}",
        subject=subject,
    )
    _notify(
        proposal.procuratorate_copy_to,
        [Role.PROCURATOR],
        case=case,
        key=f"revocation-received:{proposal.pk}",
        subject=subject,
    )
    return proposal


def _decider_roles(organ: Organisation) -> list[str]:
    return sorted(COURT_DECIDING_ROLES if _is_court(organ) else APPROVING_ROLES)


class RevocationReceiptParams(serializers.Serializer[Any]):
    received_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        validators=[PAST_EVENT],
        help_text="When the proposal or suggestion was received (default: now).",
    )


class RevocationReceiptResult(serializers.ModelSerializer[RevocationProposal]):
    status = serializers.CharField(read_only=True)

    class Meta:
        model = RevocationProposal
        fields = ["id", "status", "grounds", "reasons", "sent_to", "sent_at", "received_at"]


REVOCATION_RECEIPT_RECORD = Act(
    name="revocation_receipt_record",
    label=gettext_lazy("Record the receipt of the proposal for imprisonment"),
    article=ART_RECEIPT,
    may=receipt_recorder_of,
    states=_UNDER,
    requires=_receipt_requires,
    clean=_receipt_clean,
    effects=_received,
    audit="supervision.revocation_received",
    params=RevocationReceiptParams,
    result=RevocationReceiptResult,
    example={"received_at": "2026-05-06T10:00:00+08:00"},
    description="T-S04: the 30 days to decide (D-20) run from the receipt.",
)


# T-S05 / T-S05x: the decision (DOC-28), and the one procedure that issues it.


def _residence_organ(case: Case, organisation_type: str) -> Organisation | None:
    """The county organ of that type at the residence (CCL Art 17)."""
    return Organisation.objects.filter(
        type=organisation_type,
        region_code=case.offender.residence_region_code,
        is_active=True,
    ).first()


def _residence_judicial_administration(case: Case) -> Organisation | None:
    return _residence_organ(case, OrganisationType.JUDICIAL_ADMINISTRATION)


def _same_level_procuratorate(case: Case) -> Organisation | None:
    """The procuratorate at the deciding organ's level (P2014 Art 23): the one the TEOP
    decision was copied to, or on the court path the one whose opinion the court sought."""
    found = case.participant(Capacity.DECISION_PROCURATORATE)
    if found is None and hasattr(case, "court_proceeding"):
        found = case.court_proceeding.consultation_requested_of
    return found


def _original_court(case: Case, authority: Organisation) -> Organisation | None:
    court = case.participant(Capacity.ORIGINAL_COURT) or case.sentence.sentencing_court
    if court is None or court.pk == authority.pk:
        return None  # the court that decides does not serve a copy on itself
    found: Organisation = court
    return found


def _recipients(
    case: Case, record: Supervision, authority: Organisation, imprison: bool
) -> list[tuple[Organisation | None, str]]:
    """P2014 Art 23; CCL Art 49 ¶2: served on the county judicial administration of the
    residence (and its community-correction institution) and on the original or file-holding
    institution; copies to the procuratorate at the same level, the public security organ of the
    residence and the original court. A rejection goes back to those who proposed it."""
    purpose = Delivery.Purpose
    served: list[tuple[Organisation | None, str]] = [
        (_residence_judicial_administration(case), purpose.JUDICIAL_ADMINISTRATION),
        (record.executing_cci, purpose.JUDICIAL_ADMINISTRATION),
        (_same_level_procuratorate(case), purpose.PROCURATORATE),
    ]
    if imprison:
        served += [
            (record.custodial_institution, purpose.CUSTODY_INSTITUTION),
            (
                _residence_organ(case, OrganisationType.COUNTY_PUBLIC_SECURITY),
                purpose.PUBLIC_SECURITY,
            ),
            (_original_court(case, authority), purpose.ORIGINAL_COURT),
        ]
    return served


def _ground_labels(codes: list[str]) -> list[str]:
    with translation.override("zh-hans"):
        return [
            str(RevocationGroundKind(code).label)
            for code in codes
            if code in RevocationGroundKind.values
        ]


def imprisonment_issue(
    *,
    case: Case,
    actor: User,
    authority: Organisation,
    imprison: bool,
    reasons: str,
    answers: models.Model,
    proposal: RevocationProposal | None = None,
    objection: ProcuratorialObjection | None = None,
    grounds: list[str] | None = None,
    non_counted: tuple[dt.date, dt.date, str] | None = None,
    otp_code: str | None = None,
) -> ApprovalDecision:
    """The decision on imprisonment or its rejection, everything it writes in the deciding
    transaction: the period not counted (court path, SPC-Interp Art 518), the number, the
    document (signed with the decider's one-time password when given: a wrong code refuses it
    all), the decision of the case, the supervision moved (T-S05: S4 → S5, or S1/S7 → S5 on
    the re-examination of P2014 Art 30; T-S05x: S4 → S1), the deliveries, D-20 met, the
    notices."""
    now = timezone.now()
    court = _is_court(authority)
    period = None
    if non_counted is not None:
        from ..sentence_change import non_counted_period_apply

        first_day, last_day, basis = non_counted
        period = non_counted_period_apply(
            case=case, first_day=first_day, last_day=last_day, basis=basis, actor=actor
        )
    # Read after the period is written: it moves the record's expiry date.
    record = Supervision.objects.select_for_update().get(case=case)
    if imprison:
        record.revoke()
    else:
        record.reject_revocation()
    record.save()
    codes = list(grounds or [])
    number = decision_number_issue(authority=authority, series=IMPRISONMENT_SERIES[imprison])
    title = TITLES[imprison]
    teop = case.decision
    document = document_issue(
        subject=case,
        template="imprisonment_decision",
        number=number,
        title=title,
        issuing_organisation=authority,
        issued_on=timezone.localdate(now),
        actor=actor,
        context={
            "case": case,
            "offender": case.offender,
            "sentence": case.sentence,
            "record": record,
            "teop": teop,
            "imprison": imprison,
            "grounds": _ground_labels(codes),
            "reasons": reasons,
            "proposal": proposal,
            "objection": objection,
            "court": court,
            "period": period,
            "effective_at": now if court else None,
        },
    )
    decision = ApprovalDecision.objects.create(
        case=case,
        kind=DecisionKind.IMPRISONMENT,
        approved=imprison,
        authority=authority,
        decided_by=actor,
        decided_at=now,
        number=number,
        reasons=reasons,
        document=document,
        answers_type=ContentType.objects.get_for_model(answers),
        answers_id=answers.pk,
    )
    ImprisonmentDecision.objects.create(
        decision=decision,
        supervision=record,
        proposal=proposal,
        objection=objection,
        grounds=codes,
        # SPC-Interp Art 517: the court's decision takes effect at once.
        effective_at=now if court else None,
        non_counted_period=period,
    )
    if otp_code is not None:
        decision_document_sign(document=document, actor=actor, otp_code=otp_code, reason=title)
    if proposal is not None:
        proposal.status = ProposalStatus.DECIDED if imprison else ProposalStatus.REJECTED
        proposal.decision = decision
        proposal.save(update_fields=["status", "decision"])
        deadline_meet(subject=case, code="D-20", event=f"decision {number}", actor=actor, at=now)
    recipients = _recipients(case, record, authority, imprison)
    deliveries_send(
        decision,
        dict.fromkeys((org, purpose) for org, purpose in recipients if org is not None),
        sent_at=now,
        actor=actor,
    )
    judicial_administration = _residence_judicial_administration(case)
    if judicial_administration is not None:
        # The county judicial administration is served: it sees the case from now on.
        CaseParticipant.objects.get_or_create(
            case=case,
            organisation=judicial_administration,
            capacity=Capacity.JUDICIAL_ADMINISTRATION,
        )
    _decision_notify(case, record, decision, title, judicial_administration)
    return decision


def _decision_notify(
    case: Case,
    record: Supervision,
    decision: ApprovalDecision,
    title: str,
    judicial_administration: Organisation | None,
) -> None:
    subject = _("%(title)s %(number)s: %(case)s") % {
        "title": title,
        "number": decision.number,
        "case": case.number,
    }
    key = f"imprisonment-decision:{decision.pk}"
    body = decision.reasons[:500]
    severity = "danger" if decision.approved else "info"
    _notify(
        record.executing_cci,
        [Role.CORRECTION_OFFICER],
        case=case,
        key=key,
        subject=subject,
        body=body,
        severity=severity,
    )
    _notify(
        _same_level_procuratorate(case),
        [Role.PROCURATOR],
        case=case,
        key=key,
        subject=subject,
        body=body,
    )
    if decision.approved:
        _notify(
            judicial_administration,
            [Role.JUDICIAL_ADMIN_HEAD],
            case=case,
            key=key,
            subject=subject,
            body=body,
        )
        _notify(
            record.custodial_institution,
            sorted(CUSTODY_ROLES),
            case=case,
            key=key,
            subject=subject,
            body=_("P2014 Art 24: take the person into custody."),
            severity=severity,
        )


def _decide_requires(case: Case, params: Params) -> list[Requirement]:
    if params.get(ON_OBJECTION):
        # P2014 Art 30: revoked on re-examination while the person is supervised.
        return _state_requires(case, REVOCABLE, ART_30)
    unmet = _state_requires(case, _RECEIVED, ART_DECIDE)
    if unmet:
        if _record(case) is not None and pending_proposal(case, ProposalStatus.SENT):
            return [
                Requirement(
                    ART_RECEIPT,
                    _("Record the receipt of the proposal for imprisonment first."),
                )
            ]
        return unmet
    if pending_proposal(case, ProposalStatus.RECEIVED) is None:
        return [Requirement(ART_DECIDE, _("No proposal for imprisonment has been received."))]
    return []


def _non_counted(params: Params) -> tuple[dt.date, dt.date, str] | None:
    """The period not counted the court fixes (checked complete by `_decide_clean`)."""
    first: dt.date | None = params.get("non_counted_first_day")
    last: dt.date | None = params.get("non_counted_last_day")
    if first is None or last is None:
        return None
    return first, last, str(params.get("non_counted_basis") or "").strip()


def _decide_clean(case: Case, params: Params) -> None:
    if not str(params.get("reasons", "")).strip():
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    first = params.get("non_counted_first_day")
    last = params.get("non_counted_last_day")
    basis = str(params.get("non_counted_basis") or "").strip()
    if first is None and last is None and not basis:
        return
    organ = deciding_organ(case)
    if organ is None or not _is_court(organ):
        raise ValidationError(
            {
                "non_counted_first_day": _(
                    "Only a court fixes the period not counted when it decides "
                    "(SPC-Interp Art 518); otherwise the institution proposes it to the "
                    "intermediate court (P2014 Art 26)."
                )
            }
        )
    if not params.get("imprison"):
        raise ValidationError(
            {"non_counted_first_day": _("A period not counted is fixed only with imprisonment.")}
        )
    if first is None or last is None or not basis:
        raise ValidationError(
            {
                "non_counted_first_day": _(
                    "Give the first and the last day of the period not counted and its basis."
                )
            }
        )
    if last < first:
        raise ValidationError(
            {"non_counted_last_day": _("The last day cannot be before the first day.")}
        )


def _decided(firing: Firing) -> ApprovalDecision:
    case, params = firing.case, firing.params
    imprison = bool(params["imprison"])
    objection_id = params.get(ON_OBJECTION)
    if objection_id:
        objection = ProcuratorialObjection.objects.get(pk=objection_id, decision__case=case)
        decision = imprisonment_issue(
            case=case,
            actor=firing.actor,
            authority=firing.organisation,
            imprison=True,
            reasons=params["reasons"],
            answers=objection,
            objection=objection,
            grounds=[RevocationGroundKind.CPL_1],
            otp_code=params.get("otp_code"),
        )
    else:
        proposal = pending_proposal(case, ProposalStatus.RECEIVED)
        assert proposal is not None, "requires found it"
        decision = imprisonment_issue(
            case=case,
            actor=firing.actor,
            authority=firing.organisation,
            imprison=imprison,
            reasons=params["reasons"],
            answers=proposal,
            proposal=proposal,
            grounds=list(proposal.grounds),
            non_counted=_non_counted(params),
            otp_code=params.get("otp_code"),
        )
    firing.action = (
        "supervision.imprisonment_decided" if imprison else "supervision.imprisonment_rejected"
    )
    firing.payload.update(
        decision_id=decision.pk,
        number=decision.number,
        document=decision.document_id,
        sha256=decision.document.sha256,
    )
    return decision


_OTP_CODE = serializers.RegexField(
    r"^\s*\d{6}\s*$",
    required=False,
    help_text=(
        "The six-digit code of the decider's authenticator app: the decision is signed for the "
        "deciding organ in the same transaction, and a wrong code leaves nothing decided."
    ),
)


class DecideParams(serializers.Serializer[Any]):
    imprison = serializers.BooleanField(
        help_text="Decide imprisonment (DOC-28) or reject the proposal with reasons."
    )
    reasons = serializers.CharField(max_length=4000, help_text="The reasons for the decision.")
    non_counted_first_day = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Court only (SPC-Interp Art 518): first day of the period not counted.",
    )
    non_counted_last_day = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Court only: last day of the period not counted.",
    )
    non_counted_basis = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="Court only: why the period is not counted (e.g. escape, bribery).",
    )
    otp_code = _OTP_CODE


class ImprisonmentDecisionResult(serializers.ModelSerializer[ApprovalDecision]):
    kind = serializers.CharField(read_only=True)
    effective_at = serializers.DateTimeField(
        source="imprisonment.effective_at", read_only=True, allow_null=True
    )

    class Meta:
        model = ApprovalDecision
        fields = [
            "id",
            "case",
            "kind",
            "number",
            "approved",
            "authority",
            "decided_at",
            "effective_at",
            "reasons",
        ]


IMPRISONMENT_DECIDE = Act(
    name="imprisonment_decide",
    label=gettext_lazy("Decide on imprisonment"),
    article=ART_DECIDE,
    may=decider_of,
    states=_UNDER,
    requires=_decide_requires,
    clean=_decide_clean,
    effects=_decided,
    reason_param="reasons",
    audit="supervision.imprisonment_decided",
    signed=True,
    params=DecideParams,
    result=ImprisonmentDecisionResult,
    example={
        "imprison": True,
        "reasons": "经审查，社区矫正对象病情已消失且刑期未满，符合收监执行条件。",
        "otp_code": "492817",
    },
    description="T-S05 / T-S05x: DOC-28 or its rejection, signed, served (P2014 Art 23).",
)

acts_register([REVOCATION_RECEIPT_RECORD, IMPRISONMENT_DECIDE])


def revocation_receipt_record(
    *, case_id: int, actor: User, received_at: dt.datetime | None = None
) -> RevocationProposal:
    """T-S04: the deciding organ records the receipt of the proposal (D-20, 30 days)."""
    proposal: RevocationProposal = act_run_named(
        REVOCATION_RECEIPT_RECORD, case_id=case_id, actor=actor, received_at=received_at
    )
    return proposal


def imprisonment_decide(
    *,
    case_id: int,
    actor: User,
    imprison: bool,
    reasons: str,
    otp_code: str | None = None,
    non_counted_first_day: dt.date | None = None,
    non_counted_last_day: dt.date | None = None,
    non_counted_basis: str = "",
) -> ApprovalDecision:
    """T-S05 / T-S05x: the decision on imprisonment (P2014 Art 23; CCL Art 49 ¶2)."""
    decision: ApprovalDecision = act_run_named(
        IMPRISONMENT_DECIDE,
        case_id=case_id,
        actor=actor,
        imprison=imprison,
        reasons=reasons,
        otp_code=otp_code,
        non_counted_first_day=non_counted_first_day,
        non_counted_last_day=non_counted_last_day,
        non_counted_basis=non_counted_basis,
    )
    return decision


def act_run_named(act: Act, *, case_id: int, actor: User, **params: Any) -> Any:
    """The named call of an act of this part, outside a page (which passes its state)."""
    return act_run(act, case_id=case_id, actor=actor, expected_state=None, **params)


# The page's section registers itself once the acts exist (`supervision.sections`).
from . import sections as _sections  # noqa: E402, F401
