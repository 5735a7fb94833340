"""The declared acts of a period not counted toward the sentence (legal-spec §3.4 T-S07;
P2014 Art 26 ¶1; CPL Art 268 ¶3; MPS-Rules Art 310; DOC-31; D-21), registered with the runner:

- `recalculation_notice`: the deciding organ (prison administration or public security organ),
  after examining the claim, notifies the institution to propose (P2014 Art 26 ¶1);
- `recalculation_propose`: the institution's proposal (DOC-31) to the intermediate court of
  its place, which becomes a participant of the case (Capacity.RECALCULATION_COURT);
- `recalculation_receipt_record`: the court records receipt, D-21 (one month) opens;
- `recalculation_rule`: the court's ruling (刑期重新计算裁定), a decision of the case with its
  own number, document and signature, served on the institution with a copy to the
  procuratorate; the period ruled is written on the sentence
  (`supervision.sentence_change.non_counted_period_apply`), the expiry recomputed and the
  clocks that run from it moved.

When: Art 26 ¶1 speaks of "被收监执行的罪犯", an offender already taken into custody: the
notice is given once the record is RETURNED_TO_CUSTODY. Not at REVOKED_AWAITING_CUSTODY or
ABSCONDED: the institution that proposes is the one holding the person (its court is "所在地的
中级人民法院"), and an escape's last day is known only when the person is taken back.

On the court path the court fixes the period in its own decision on imprisonment (SPC-Interp
Art 518): every act here refuses it, naming that article.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from approvals.acts.deliveries import deliveries_send
from approvals.models import ApprovalDecision, DecisionKind, Delivery
from approvals.services.decision import decision_document_sign, decision_number_issue
from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, CaseState, EvidenceKind
from cases.services.workflow import evidence_store
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import (
    APPROVING_ROLES,
    COURT_DECIDING_ROLES,
    COURT_ROLES,
    CUSTODY_ROLES,
    CourtLevel,
    OrganisationType,
    Role,
)
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.documents.pdf import chinese_label
from kernel.documents.services import document_issue
from kernel.numbering.services import number_issue
from kernel.refusals import Requirement

from ..acts import organisations_of
from ..community_acts import _notify, _state_requires
from ..models import Supervision, SupervisionState
from ..sentence_change import non_counted_period_apply
from .models import RecalculationGround, RecalculationProposal, RecalculationStatus

ART_26 = "P2014 Art 26 ¶1"
ART_310 = "P2014 Art 26 ¶1; MPS-Rules Art 310"
ART_RULE = "P2014 Art 26 ¶1; CPL Art 268 ¶3"
ART_518 = "SPC-Interp Art 518"
_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
_RETURNED = frozenset({SupervisionState.RETURNED_TO_CUSTODY})
#: The number series of the institution's proposal and of the court's ruling.
PROPOSAL_SERIES = "不计建"
RULING_SERIES = "刑更"
PROPOSAL_TITLE = "不计入执行刑期建议书"
RULING_TITLE = "刑期重新计算裁定书"


# Who and where.


def _record(case: Case) -> Supervision | None:
    return Supervision.objects.filter(case=case).first()


def pending_proposal(case: Case) -> RecalculationProposal | None:
    """The proposal of this case not yet ruled on (one at a time)."""
    return (
        RecalculationProposal.objects.filter(supervision__case=case)
        .exclude(status=RecalculationStatus.RULED)
        .select_related("institution", "court")
        .first()
    )


def _pending_locked(case: Case) -> RecalculationProposal:
    """The pending proposal, locked for the act that moves it (`requires` made sure of it)."""
    pending = pending_proposal(case)
    assert pending is not None, "requires refused it"
    return RecalculationProposal.objects.select_for_update().get(pk=pending.pk)


def recalculation_institution(case: Case, record: Supervision | None) -> Organisation | None:
    """The prison or detention centre that proposes: the one that took the person back into
    custody when it takes part in the case, else the original or file-holding institution."""
    receiving = organisations_of(case, Capacity.RECEIVING_INSTITUTION)
    if receiving:
        return receiving[0]
    return record.custodial_institution if record is not None else None


def intermediate_courts(institution: Organisation | None) -> QuerySet[Organisation]:
    """The intermediate people's courts of the institution's place (its city: the first four
    digits of the division code), the only courts the proposal may go to (P2014 Art 26 ¶1)."""
    if institution is None or not institution.region_code:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        type=OrganisationType.COURT,
        court_level=CourtLevel.INTERMEDIATE,
        region_code__startswith=institution.region_code[:4],
        is_active=True,
    ).order_by("region_code", "name")


def claim_prefill(record: Supervision) -> dict[str, Any]:
    """What the proposal for imprisonment claimed (P2014 Art 26 ¶1: explained in the proposal,
    with its proof), to start the notice from."""
    from ..revocation.models import RevocationProposal

    claimed = (
        RevocationProposal.objects.filter(supervision=record, non_counted_claimed=True)
        .order_by("-proposed_at", "-id")
        .first()
    )
    if claimed is None:
        return {}
    return {
        "revocation_proposal": claimed,
        "first_day": claimed.non_counted_first_day,
        "last_day": claimed.non_counted_last_day,
        "explanation": claimed.non_counted_explanation,
        "proof": claimed.non_counted_proof,
    }


def _procuratorate(case: Case) -> Organisation | None:
    return case.participant(Capacity.DECISION_PROCURATORATE) or case.participant(
        Capacity.PROCURATORATE
    )


def _member(actor: User, organisation: Organisation | None, roles: frozenset[str]) -> bool:
    return (
        organisation is not None
        and actor.organisation_id == organisation.pk
        and bool(actor.role_codes & roles)
    )


def deciding_organ_of(case: Case, actor: User) -> Organisation:
    """An approver of the organ that decided the temporary execution (a judge, on the court
    path, only to be told that the court fixes the period itself)."""
    record = _record(case)
    organ = (record.deciding_organ if record else None) or case.participant(Capacity.DECISION_ORGAN)
    if not _member(actor, organ, APPROVING_ROLES | COURT_DECIDING_ROLES):
        raise PermissionDenied(
            _("Only the organ that decided the temporary execution can do this.")
        )
    assert organ is not None
    return organ


def proposing_clerk_of(case: Case, actor: User) -> Organisation:
    """A clerk or leader of the institution notified to propose."""
    pending = pending_proposal(case)
    institution = pending.institution if pending else recalculation_institution(case, _record(case))
    if not _member(actor, institution, CUSTODY_ROLES):
        raise PermissionDenied(_("Only the prison or detention centre notified can do this."))
    assert institution is not None
    return institution


def _court_of(roles: frozenset[str]) -> Any:
    def may(case: Case, actor: User) -> Organisation:
        pending = pending_proposal(case)
        court = pending.court if pending else None
        if not _member(actor, court, roles):
            raise PermissionDenied(
                _("Only the intermediate court the proposal was sent to can do this.")
            )
        assert court is not None
        return court

    return may


# Requirements common to the four acts.


def _base_requires(case: Case) -> list[Requirement]:
    if case.on_court_path:
        return [
            Requirement(
                ART_518,
                _(
                    "On the court path the period not counted is fixed in the court's decision "
                    "on imprisonment."
                ),
            )
        ]
    return _state_requires(case, _RETURNED, ART_26)


def _status_requires(case: Case, status: str, message: str) -> list[Requirement]:
    unmet = _base_requires(case)
    if unmet:
        return unmet
    pending = pending_proposal(case)
    if pending is None or pending.status != status:
        return [Requirement(ART_26, message)]
    return []


def _not_in_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date is in the future.")})


def _period_clean(first: dt.date | None, last: dt.date | None) -> None:
    if first is None or last is None:
        raise ValidationError({"first_day": _("Give the first and the last day of the period.")})
    if last < first:
        raise ValidationError({"last_day": _("The last day cannot be before the first day.")})
    _not_in_future(last, "last_day")


# P2014 Art 26 ¶1: the deciding organ's notice.


class NoticeParams(serializers.Serializer[Any]):
    ground = serializers.ChoiceField(
        choices=RecalculationGround.choices, help_text="Why the time is not counted."
    )
    first_day = serializers.DateField(help_text="The first day not counted.")
    last_day = serializers.DateField(help_text="The last day not counted.")
    explanation = serializers.CharField(
        max_length=4000, help_text="The explanation of the period (P2014 Art 26 ¶1)."
    )
    proof = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Proof of the period (PDF, JPEG or PNG, checked by content); without it the "
        "proof attached to the proposal for imprisonment is used.",
    )


class RecalculationProposalResult(serializers.ModelSerializer[RecalculationProposal]):
    class Meta:
        model = RecalculationProposal
        fields = [
            "id",
            "status",
            "ground",
            "claimed_first_day",
            "claimed_last_day",
            "explanation",
            "proof",
            "institution",
            "court",
            "proposal_number",
            "proposal_document",
            "sent_at",
            "received_at",
            "ruling",
            "period",
            "expiry_before",
            "expiry_after",
        ]


def _notice_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _base_requires(case)
    if unmet:
        return unmet
    if pending_proposal(case) is not None:
        return [Requirement(ART_26, _("A proposal not to count a period is still pending."))]
    if recalculation_institution(case, _record(case)) is None:
        return [Requirement(ART_26, _("No prison or detention centre holds the person."))]
    return []


def _notice_clean(case: Case, params: Params) -> None:
    _period_clean(params.get("first_day"), params.get("last_day"))
    record = _record(case)
    if not params.get("proof") and not (record and claim_prefill(record).get("proof")):
        raise ValidationError({"proof": _("Attach the proof of the period (P2014 Art 26 ¶1).")})


def _notified(firing: Firing) -> RecalculationProposal:
    case, params, actor = firing.case, firing.params, firing.actor
    record = Supervision.objects.select_for_update().get(case=case)
    claim = claim_prefill(record)
    upload = params.get("proof")
    proof = (
        evidence_store(
            case=case,
            actor=actor,
            kind=EvidenceKind.OTHER,
            upload=upload,
            description=str(_("Proof of the period not counted"))[:200],
        )
        if upload
        else claim.get("proof")
    )
    institution = recalculation_institution(case, record)
    assert institution is not None, "requires refused it"
    proposal = RecalculationProposal.objects.create(
        supervision=record,
        ground=params["ground"],
        claimed_first_day=params["first_day"],
        claimed_last_day=params["last_day"],
        explanation=params["explanation"],
        proof=proof,
        revocation_proposal=claim.get("revocation_proposal"),
        notifying_organisation=firing.organisation,
        notified_by=actor,
        notified_at=timezone.now(),
        institution=institution,
    )
    _notify(
        institution,
        CUSTODY_ROLES,
        case=case,
        key=f"recalculation-notice:{proposal.pk}",
        subject=_(
            "%(case)s: propose to the intermediate court of your place not to count "
            "%(first)s – %(last)s (P2014 Art 26 ¶1)"
        )
        % {
            "case": case.number,
            "first": proposal.claimed_first_day,
            "last": proposal.claimed_last_day,
        },
        body=proposal.explanation[:500],
    )
    firing.payload.update(
        recalculation_id=proposal.pk,
        institution=institution.pk,
        first_day=str(proposal.claimed_first_day),
        last_day=str(proposal.claimed_last_day),
    )
    return proposal


NOTICE = Act(
    name="recalculation_notice",
    label=gettext_lazy("Notify the institution to propose not counting a period"),
    article=ART_26,
    may=deciding_organ_of,
    states=_UNDER,
    requires=_notice_requires,
    clean=_notice_clean,
    effects=_notified,
    audit="supervision.recalculation_notice",
    reason_param="explanation",
    params=NoticeParams,
    result=RecalculationProposalResult,
    example={
        "expected_state": "under_supervision",
        "ground": "escape",
        "first_day": "2026-07-01",
        "last_day": "2026-08-15",
        "explanation": "收监执行决定作出后脱逃，至2026年8月15日被抓获",
    },
)


# P2014 Art 26 ¶1; MPS-Rules Art 310: the institution's proposal (DOC-31).


class ProposeParams(serializers.Serializer[Any]):
    court = serializers.IntegerField(
        help_text="The intermediate people's court of the institution's place."
    )
    opinion = serializers.CharField(
        max_length=4000, help_text="The institution's proposal: facts, period and reasons."
    )


def _propose_requires(case: Case, params: Params) -> list[Requirement]:
    return _status_requires(
        case, RecalculationStatus.NOTIFIED, _("The deciding organ has not notified a proposal.")
    )


def _propose_clean(case: Case, params: Params) -> None:
    pending = pending_proposal(case)
    try:
        court_id = int(params.get("court") or 0)
    except (TypeError, ValueError):
        court_id = 0
    if pending is None or not intermediate_courts(pending.institution).filter(pk=court_id).exists():
        raise ValidationError(
            {"court": _("Choose the intermediate people's court of the institution's place.")}
        )


def _proposed(firing: Firing) -> RecalculationProposal:
    case, params, actor = firing.case, firing.params, firing.actor
    proposal = _pending_locked(case)
    court = Organisation.objects.get(pk=params["court"])
    now = timezone.now()
    number = number_issue(
        organisation=firing.organisation,
        series=PROPOSAL_SERIES,
        year=timezone.localdate(now).year,
        taken=lambda n: RecalculationProposal.objects.filter(proposal_number=n).exists(),
    )
    proposal.court = court
    proposal.proposal_number = number
    proposal.proposed_by = actor
    proposal.sent_at = now
    proposal.status = RecalculationStatus.PROPOSED
    proposal.proposal_document = document_issue(
        subject=case,
        template="recalculation_proposal",
        context={
            "case": case,
            "offender": case.offender,
            "sentence": case.sentence,
            "proposal": proposal,
            "court": court,
            "opinion": params["opinion"],
            "ground_label": chinese_label(proposal, "ground"),
        },
        number=number,
        title=PROPOSAL_TITLE,
        issuing_organisation=firing.organisation,
        issued_on=timezone.localdate(now),
        actor=actor,
    )
    proposal.save()
    CaseParticipant.objects.get_or_create(
        case=case, organisation=court, capacity=Capacity.RECALCULATION_COURT
    )
    _notify(
        court,
        COURT_ROLES,
        case=case,
        key=f"recalculation-proposed:{proposal.pk}",
        subject=_("%(case)s: proposal not to count a period (%(number)s); rule within one month")
        % {"case": case.number, "number": number},
        body=params["opinion"][:500],
    )
    firing.payload.update(recalculation_id=proposal.pk, court=court.pk, number=number)
    return proposal


PROPOSE = Act(
    name="recalculation_propose",
    label=gettext_lazy("Propose to the intermediate court not to count a period"),
    article=ART_310,
    may=proposing_clerk_of,
    states=_UNDER,
    requires=_propose_requires,
    clean=_propose_clean,
    effects=_proposed,
    audit="supervision.recalculation_propose",
    reason_param="opinion",
    params=ProposeParams,
    result=RecalculationProposalResult,
    example={
        "expected_state": "under_supervision",
        "court": 7,
        "opinion": "罪犯在暂予监外执行期间脱逃，脱逃期间不计入执行刑期，建议依法裁定。",
    },
)


# The court's receipt: D-21, one month to rule.


class RecalculationReceiptParams(serializers.Serializer[Any]):
    received_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Received at (default: now)."
    )


def _receipt_requires(case: Case, params: Params) -> list[Requirement]:
    return _status_requires(
        case, RecalculationStatus.PROPOSED, _("No proposal is waiting to be received.")
    )


def _receipt_clean(case: Case, params: Params) -> None:
    received_at = params.get("received_at")
    pending = pending_proposal(case)
    if received_at is None or pending is None or pending.sent_at is None:
        return
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("The date is in the future.")})
    if received_at < pending.sent_at:
        raise ValidationError(
            {"received_at": _("A document cannot be received before it was sent.")}
        )


def _received(firing: Firing) -> RecalculationProposal:
    case = firing.case
    proposal = _pending_locked(case)
    proposal.received_at = firing.params.get("received_at") or timezone.now()
    proposal.received_by = firing.actor
    proposal.status = RecalculationStatus.RECEIVED
    proposal.save()
    deadline_open(
        code="D-21",
        subject=case,
        trigger_at=proposal.received_at,
        responsible_organisation=firing.organisation,
        actor=firing.actor,
    )
    firing.payload.update(recalculation_id=proposal.pk, received_at=str(proposal.received_at))
    return proposal


RECEIPT = Act(
    name="recalculation_receipt_record",
    label=gettext_lazy("Record the receipt of the proposal not to count a period"),
    article=ART_26,
    may=_court_of(COURT_ROLES),
    states=_UNDER,
    requires=_receipt_requires,
    clean=_receipt_clean,
    effects=_received,
    audit="supervision.recalculation_receipt",
    params=RecalculationReceiptParams,
    result=RecalculationProposalResult,
    example={"expected_state": "under_supervision", "received_at": "2026-09-02T10:00:00+08:00"},
)


# P2014 Art 26 ¶1; CPL Art 268 ¶3: the ruling.


class RuleParams(serializers.Serializer[Any]):
    not_counted = serializers.BooleanField(
        help_text="Whether a period is not counted (false: the whole time counts)."
    )
    first_day = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="The first day not counted."
    )
    last_day = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="The last day not counted."
    )
    reasons = serializers.CharField(max_length=4000, help_text="The reasons for the ruling.")
    otp_code = serializers.RegexField(
        r"^\s*\d{6}\s*$",
        required=False,
        help_text="The six-digit code of the judge's authenticator app: the ruling is signed "
        "for the court in the same transaction, and a wrong code leaves it unruled.",
    )


class RulingResult(serializers.ModelSerializer[RecalculationProposal]):
    ruling_number = serializers.CharField(source="ruling.number", read_only=True)

    class Meta:
        model = RecalculationProposal
        fields = [*RecalculationProposalResult.Meta.fields, "ruling_number"]


def _rule_requires(case: Case, params: Params) -> list[Requirement]:
    return _status_requires(
        case, RecalculationStatus.RECEIVED, _("The court has not recorded receipt of a proposal.")
    )


def _rule_clean(case: Case, params: Params) -> None:
    if not str(params.get("reasons", "")).strip():
        raise ValidationError({"reasons": _("Give the reasons for the ruling.")})
    if params.get("not_counted"):
        _period_clean(params.get("first_day"), params.get("last_day"))


def _ruled(firing: Firing) -> RecalculationProposal:
    case, params, actor, court = firing.case, firing.params, firing.actor, firing.organisation
    proposal = _pending_locked(case)
    not_counted = bool(params["not_counted"])
    reasons: str = params["reasons"]
    now = timezone.now()
    sentence = case.sentence
    proposal.expiry_before = sentence.expiry_date if sentence else None
    if not_counted:
        proposal.period = non_counted_period_apply(
            case=case,
            first_day=params["first_day"],
            last_day=params["last_day"],
            basis=f"{RULING_TITLE} — {proposal.get_ground_display()} ({ART_RULE})",
            actor=actor,
        )
        case.sentence.refresh_from_db()
    proposal.expiry_after = case.sentence.expiry_date if case.sentence else None
    number = decision_number_issue(authority=court, series=RULING_SERIES)
    document = document_issue(
        subject=case,
        template="recalculation_ruling",
        context={
            "case": case,
            "offender": case.offender,
            "proposal": proposal,
            "not_counted": not_counted,
            "first_day": params.get("first_day"),
            "last_day": params.get("last_day"),
            "reasons": reasons,
            "ground_label": chinese_label(proposal, "ground"),
            "judge": actor,
        },
        number=number,
        title=RULING_TITLE,
        issuing_organisation=court,
        issued_on=timezone.localdate(now),
        actor=actor,
    )
    from django.contrib.contenttypes.models import ContentType

    ruling = ApprovalDecision.objects.create(
        case=case,
        kind=DecisionKind.RECALCULATION,
        approved=not_counted,
        authority=court,
        decided_by=actor,
        decided_at=now,
        number=number,
        reasons=reasons,
        document=document,
        answers_type=ContentType.objects.get_for_model(RecalculationProposal),
        answers_id=proposal.pk,
    )
    otp_code = params.get("otp_code")
    if otp_code is not None:  # signed for the court with the judge's one-time password
        decision_document_sign(
            document=document, actor=actor, otp_code=otp_code, reason=RULING_TITLE
        )
    deadline_meet(subject=case, code="D-21", event=f"ruling {number}", actor=actor, at=now)
    # Served on the institution, a copy to the procuratorate at the same level (MPS-Rules
    # Art 310; legal-spec DOC-31).
    recipients = [
        (proposal.institution, Delivery.Purpose.CUSTODY_INSTITUTION),
        (_procuratorate(case), Delivery.Purpose.PROCURATORATE),
    ]
    deliveries_send(ruling, recipients, sent_at=now, actor=actor)
    proposal.ruling = ruling
    proposal.status = RecalculationStatus.RULED
    proposal.save()
    subject = _(
        "%(case)s: ruling %(number)s on the period not counted; the sentence expires on %(expiry)s"
    ) % {
        "case": case.number,
        "number": number,
        "expiry": proposal.expiry_after or "—",
    }
    _notify(
        proposal.institution,
        CUSTODY_ROLES,
        case=case,
        key=f"ruling:{ruling.pk}",
        subject=subject,
        body=reasons[:500],
    )
    _notify(
        _procuratorate(case),
        frozenset({Role.PROCURATOR}),
        case=case,
        key=f"ruling:{ruling.pk}:proc",
        subject=subject,
        body=reasons[:500],
    )
    firing.payload.update(
        recalculation_id=proposal.pk,
        decision_id=ruling.pk,
        number=number,
        document=document.pk,
        sha256=document.sha256,
        not_counted=not_counted,
        expiry_before=str(proposal.expiry_before),
        expiry_after=str(proposal.expiry_after),
    )
    return proposal


RULE = Act(
    name="recalculation_rule",
    label=gettext_lazy("Rule on the period not counted"),
    article=ART_RULE,
    may=_court_of(COURT_DECIDING_ROLES),
    states=_UNDER,
    requires=_rule_requires,
    clean=_rule_clean,
    effects=_ruled,
    audit="supervision.recalculation_rule",
    reason_param="reasons",
    signed=True,
    params=RuleParams,
    result=RulingResult,
    example={
        "expected_state": "under_supervision",
        "not_counted": True,
        "first_day": "2026-07-01",
        "last_day": "2026-08-15",
        "reasons": "罪犯在暂予监外执行期间脱逃，脱逃期间不计入执行刑期。",
        "otp_code": "492817",
    },
)

#: The acts of this part, in the order they are taken.
RECALCULATION_ACTS: dict[str, Act] = {act.name: act for act in (NOTICE, PROPOSE, RECEIPT, RULE)}
acts_register(RECALCULATION_ACTS.values())

# The page's section registers itself once the acts exist (`supervision.sections`).
from . import sections as _sections  # noqa: E402, F401
