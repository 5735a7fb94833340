"""The declared acts of the proposal for imprisonment, registered with the runner (legal-spec
§3.4 T-S03, T-S03p; P2014 Arts 23, 26 ¶1; CPL Art 268; CCL Art 49 ¶1; SPC-Interp Art 516):

- `revocation_propose` (T-S03): the community-correction institution's proposal (DOC-27,
  收监执行建议书) on grounds of list R with reasons and evidence; a period not to be counted
  is explained and proved (P2014 Art 26 ¶1). The county judicial administration of the
  residence takes part in the case from here on, to examine it.
- `revocation_examine`: the county judicial administration approves (the proposal goes to the
  deciding organ, or the organ of the execution place the officer chose, CCL Art 49 ¶1, with
  a copy to the procuratorate) or does not (the person stays under supervision).
- `revocation_suggest` (T-S03p): the procuratorate's suggestion (DOC-29, 收监执行检察建议),
  sent straight to the deciding organ.

The deciding organ's side (receipt, D-20, the decision DOC-28) is `supervision.imprisonment`.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.jurisdiction import CAPACITY_ROLES, Capacity
from cases.models import Case, CaseParticipant, CaseState, Evidence, EvidenceKind
from cases.services.workflow import evidence_store
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import OrganisationType, Role
from kernel.deadlines.services import deadline_open
from kernel.documents.models import GeneratedDocument
from kernel.documents.services import document_issue
from kernel.numbering.services import number_issue
from kernel.refusals import Requirement

from ..acts import organisations_of, receiving_officer_of
from ..community_acts import _notify, _state_requires
from ..models import (
    REVOCABLE,
    RevocationGround,
    RevocationGroundKind,
    Supervision,
    SupervisionState,
)
from .models import ProposalOrigin, ProposalStatus, RevocationProposal
from .rules import grounds_unevidenced

_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
ART_PROPOSE = "P2014 Art 23 ¶1; CCL Art 49 ¶1"
ART_EXAMINE = "P2014 Art 23 ¶1"
ART_SUGGEST = "P2014 Art 23 ¶2; SPP-Rules Art 634"
ART_GROUNDS = "CCL Art 49 ¶1"
ART_NON_COUNTED = "P2014 Art 26 ¶1"
#: Who acts for the deciding organ (approvers, judges, court clerks).
_DECIDERS = CAPACITY_ROLES[Capacity.DECISION_ORGAN]
#: The organs that decide on imprisonment (CCL Art 49 ¶1: the original deciding organ or the
#: organ of the execution place).
DECIDING_TYPES = (
    OrganisationType.PRISON_ADMINISTRATION,
    OrganisationType.MUNICIPAL_PUBLIC_SECURITY,
    OrganisationType.COURT,
)
#: The proposals still before an organ: their grounds are in use.
PENDING = (ProposalStatus.AWAITING_APPROVAL, ProposalStatus.SENT, ProposalStatus.RECEIVED)


def evidence_field(code: str) -> str:
    """The upload field that proves one ground of list R."""
    return f"evidence_{code}"


# Who and where.


def judicial_administration_of(record: Supervision) -> Organisation | None:
    """The county judicial administration of the residence: the one of the executing
    institution's county (P2014 Art 23 ¶1)."""
    region = record.executing_cci.region_code
    if not region:
        return None
    return (
        Organisation.objects.filter(
            type=OrganisationType.JUDICIAL_ADMINISTRATION, region_code=region, is_active=True
        )
        .order_by("pk")
        .first()
    )


def execution_place_organ_choices(case: Case) -> QuerySet[Organisation]:
    """CCL Art 49 ¶1: the deciding organs (prison administration, public security, court) of
    the execution place's province, i.e. of the executing institution's."""
    record = Supervision.objects.filter(case=case).select_related("executing_cci").first()
    region = record.executing_cci.region_code if record is not None else ""
    if not region:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        type__in=DECIDING_TYPES, region_code__startswith=region[:2], is_active=True
    ).order_by("region_code", "name")


def procuratorate_of(case: Case) -> Organisation | None:
    """The procuratorate that receives the copy (CCL Art 49 ¶1): the supervising one of the
    case, or the one at the deciding organ's level."""
    return case.participant(Capacity.PROCURATORATE) or case.participant(
        Capacity.DECISION_PROCURATORATE
    )


def grounds_open(record: Supervision) -> QuerySet[RevocationGround]:
    """The grounds raised by supervision acts that no pending or decided proposal uses."""
    used = RevocationProposal.objects.filter(
        supervision=record, status__in=(*PENDING, ProposalStatus.DECIDED)
    ).values("raised_grounds")
    return (
        record.revocation_grounds.exclude(pk__in=used)
        .select_related("raised_by", "source_type")
        .order_by("raised_at", "pk")
    )


def judicial_admin_head_of(case: Case, actor: User) -> Organisation:
    """The head of the county judicial administration taking part in the case (P2014 Art 23
    ¶1)."""
    cja = next(
        (
            o
            for o in organisations_of(case, Capacity.JUDICIAL_ADMINISTRATION)
            if o.pk == actor.organisation_id
        ),
        None,
    )
    if cja is None or Role.JUDICIAL_ADMIN_HEAD not in actor.role_codes:
        raise PermissionDenied(
            _("Only the head of the county judicial administration of the residence can do this.")
        )
    return cja


def procurator_of(case: Case, actor: User) -> Organisation:
    """A procurator of a procuratorate taking part in the case (P2014 Art 23 ¶2)."""
    capacities = (Capacity.PROCURATORATE, Capacity.DECISION_PROCURATORATE)
    organisation = next(
        (
            o
            for capacity in capacities
            for o in organisations_of(case, capacity)
            if o.pk == actor.organisation_id
        ),
        None,
    )
    if organisation is None or Role.PROCURATOR not in actor.role_codes:
        raise PermissionDenied(_("Only a procurator of the procuratorate on the case can do this."))
    return organisation


# The grounds of list R with their evidence (both acts).


class _GroundsParams(serializers.Serializer[Any]):
    grounds = serializers.ListField(
        child=serializers.ChoiceField(choices=RevocationGroundKind.choices),
        allow_empty=True,
        help_text="The grounds of list R (CPL Art 268 ¶1; SPC-Interp Art 516), several at once.",
    )
    raised_grounds = serializers.PrimaryKeyRelatedField(
        queryset=RevocationGround.objects.all(),
        many=True,
        required=False,
        help_text="Grounds raised by supervision acts: their records are the evidence.",
    )
    reasons = serializers.CharField(max_length=8000, help_text="The reasons, with the facts.")
    existing_evidence = serializers.PrimaryKeyRelatedField(
        queryset=Evidence.objects.all(),
        many=True,
        required=False,
        help_text="Evidence already in the case file, attached as well.",
    )


def _with_evidence_uploads(name: str, base: type[Any]) -> type[serializers.Serializer[Any]]:
    """The params with one optional upload per ground of list R (`evidence_<code>`)."""
    fields = {
        evidence_field(code): serializers.FileField(
            required=False,
            allow_null=True,
            default=None,
            help_text=f"Evidence of the ground {code} (PDF, JPEG or PNG, checked by content).",
        )
        for code in RevocationGroundKind.values
    }
    return cast("type[serializers.Serializer[Any]]", type(name, (base,), fields))


class _ProposeBase(_GroundsParams):
    monitoring_requested = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Electronic monitoring is asked for while the proposal is examined "
        "(CCL Art 29 ¶1(5)); the monitoring itself is approved as usual.",
    )
    execution_place_organ = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(type__in=DECIDING_TYPES),
        required=False,
        allow_null=True,
        default=None,
        help_text="CCL Art 49 ¶1: send to the organ of the execution place instead of the "
        "original deciding organ.",
    )
    non_counted_claimed = serializers.BooleanField(
        required=False,
        default=False,
        help_text="A period is not to be counted toward the sentence (P2014 Art 26 ¶1).",
    )
    non_counted_first_day = serializers.DateField(required=False, allow_null=True, default=None)
    non_counted_last_day = serializers.DateField(required=False, allow_null=True, default=None)
    non_counted_explanation = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=4000
    )
    non_counted_proof = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Proof of the period (PDF, JPEG or PNG, checked by content).",
    )


ProposeParams = _with_evidence_uploads("RevocationProposeParams", _ProposeBase)
SuggestParams = _with_evidence_uploads("RevocationSuggestParams", _GroundsParams)


class ExamineParams(serializers.Serializer[Any]):
    approve = serializers.BooleanField(help_text="Whether the proposal is approved and sent.")
    opinion = serializers.CharField(max_length=4000, help_text="The opinion of the examination.")


class RevocationProposalResult(serializers.ModelSerializer[RevocationProposal]):
    supervision_state = serializers.CharField(source="supervision.state", read_only=True)

    class Meta:
        model = RevocationProposal
        fields = [
            "id",
            "origin",
            "status",
            "grounds",
            "raised_grounds",
            "reasons",
            "evidence",
            "ground_evidence",
            "monitoring_requested",
            "non_counted_claimed",
            "non_counted_first_day",
            "non_counted_last_day",
            "non_counted_explanation",
            "non_counted_proof",
            "number",
            "document",
            "judicial_administration",
            "examination_opinion",
            "execution_place_organ",
            "sent_to",
            "sent_at",
            "procuratorate_copy_to",
            "supervision_state",
        ]


def _grounds_requires(params: Params, article: str) -> list[Requirement]:
    """Each proposal rests on at least one ground of list R, and each ground on evidence: a
    ground raised by a supervision act (its record) or an upload."""
    grounds = list(params.get("grounds") or [])
    if not grounds:
        return [Requirement(article, _("Choose at least one ground of list R."))]
    raised = [g.ground for g in params.get("raised_grounds") or []]
    uploaded = [code for code in grounds if params.get(evidence_field(code))]
    missing = grounds_unevidenced(grounds, raised=raised, uploaded=uploaded)
    labels = dict(RevocationGroundKind.choices)
    return [
        Requirement(
            article,
            _("The ground “%(ground)s” has no evidence: link a raised ground or attach a file.")
            % {"ground": labels[code]},
        )
        for code in missing
    ]


def _grounds_clean(case: Case, params: Params) -> None:
    record = Supervision.objects.get(case=case)
    if any(g.supervision_id != record.pk for g in params.get("raised_grounds") or []):
        raise ValidationError({"raised_grounds": _("Choose grounds raised for this person.")})
    if any(e.case_id != case.pk for e in params.get("existing_evidence") or []):
        raise ValidationError({"existing_evidence": _("Choose evidence of this case.")})


def _evidence_keep(firing: Firing, proposal: RevocationProposal) -> None:
    """Keep each ground's upload, through the project's upload checks, and attach the chosen
    evidence of the case file."""
    params = firing.params
    labels = dict(RevocationGroundKind.choices)
    by_ground: dict[str, list[int]] = {}
    for code in proposal.grounds:
        upload = params.get(evidence_field(code))
        if not upload:
            continue
        kept = evidence_store(
            case=firing.case,
            actor=firing.actor,
            kind=EvidenceKind.OTHER,
            upload=upload,
            description=str(_("Evidence of the ground: %(ground)s") % {"ground": labels[code]})[
                :200
            ],
        )
        by_ground[code] = [kept.pk]
        proposal.evidence.add(kept)
    proposal.evidence.add(*(params.get("existing_evidence") or []))
    proposal.raised_grounds.set(params.get("raised_grounds") or [])
    proposal.ground_evidence = by_ground


def _record(case: Case) -> Supervision:
    return Supervision.objects.select_for_update(of=("self",)).get(case=case)


def proposal_lines(proposal: RevocationProposal) -> list[dict[str, Any]]:
    """Each chosen ground with its evidence, as the documents and the page list it."""
    labels = dict(RevocationGroundKind.choices)
    from .rules import GROUND_EQUIVALENTS

    raised = list(proposal.raised_grounds.all())
    evidence = {e.pk: e for e in proposal.evidence.all()}
    lines = []
    for code in proposal.grounds:
        kinds = {code, *GROUND_EQUIVALENTS.get(code, frozenset())}
        lines.append(
            {
                "code": code,
                "label": labels.get(code, code),
                "raised": [g for g in raised if g.ground in kinds],
                "uploads": [
                    evidence[pk] for pk in proposal.ground_evidence.get(code, []) if pk in evidence
                ],
            }
        )
    return lines


def _document_issue(
    firing: Firing, proposal: RevocationProposal, *, template: str, title: str, series: str
) -> GeneratedDocument:
    """DOC-27 or DOC-29 with its official number (kernel.numbering) in the issuer's name."""
    case, record = firing.case, proposal.supervision
    today = timezone.localdate()
    proposal.number = number_issue(
        organisation=firing.organisation,
        series=series,
        year=today.year,
        taken=lambda n: RevocationProposal.objects.filter(number=n).exists(),
    )
    from ..discipline.models import MeasureKind

    return document_issue(
        subject=case,
        template=template,
        context={
            "proposal": proposal,
            "offender": case.offender,
            "case": case,
            "record": record,
            "teop_decision": case.decision,
            "lines": proposal_lines(proposal),
            "warnings": record.discipline_measures.filter(kind=MeasureKind.WARNING).order_by(
                "decided_on", "pk"
            ),
            "monitoring": record.monitoring_periods.order_by("starts_on", "pk"),
            "addressee": proposal.execution_place_organ or record.deciding_organ,
            "judicial_administration": proposal.judicial_administration,
        },
        number=proposal.number,
        title=title,
        issuing_organisation=firing.organisation,
        issued_on=today,
        actor=firing.actor,
    )


# T-S03: the community-correction institution's proposal (DOC-27).


def _propose_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(case, REVOCABLE, ART_PROPOSE)
    if unmet:
        return unmet
    record = Supervision.objects.select_related("executing_cci").get(case=case)
    if judicial_administration_of(record) is None:
        unmet.append(
            Requirement(
                ART_EXAMINE,
                _(
                    "No county judicial administration is registered for the residence "
                    "(region %(region)s): ask the system administrator to add it, since it "
                    "examines the proposal."
                )
                % {"region": record.executing_cci.region_code or "—"},
            )
        )
    if not params:
        return unmet
    unmet += _grounds_requires(params, ART_GROUNDS)
    if params.get("non_counted_claimed") and not (
        str(params.get("non_counted_explanation") or "").strip() and params.get("non_counted_proof")
    ):
        unmet.append(
            Requirement(
                ART_NON_COUNTED,
                _("A period not to be counted toward the sentence is explained and proved."),
            )
        )
    return unmet


def _propose_clean(case: Case, params: Params) -> None:
    _grounds_clean(case, params)
    organ = params.get("execution_place_organ")
    if organ is not None and not execution_place_organ_choices(case).filter(pk=organ.pk).exists():
        raise ValidationError(
            {
                "execution_place_organ": _(
                    "Choose a deciding organ of the execution place's province (CCL Art 49 ¶1)."
                )
            }
        )
    if params.get("non_counted_claimed"):
        first, last = params.get("non_counted_first_day"), params.get("non_counted_last_day")
        if first is None or last is None:
            raise ValidationError(
                {"non_counted_first_day": _("Give the first and the last day of the period.")}
            )
        if last < first:
            raise ValidationError({"non_counted_last_day": _("The period ends before it starts.")})


def _proposed(firing: Firing) -> RevocationProposal:
    case, params, actor = firing.case, firing.params, firing.actor
    record = _record(case)
    record.propose_revocation()
    record.save()
    cja = judicial_administration_of(record)
    assert cja is not None, "requires refused it"
    claimed = bool(params.get("non_counted_claimed"))
    proposal = RevocationProposal.objects.create(
        supervision=record,
        origin=ProposalOrigin.CCI,
        status=ProposalStatus.AWAITING_APPROVAL,
        grounds=list(dict.fromkeys(params["grounds"])),
        reasons=params["reasons"],
        monitoring_requested=bool(params.get("monitoring_requested")),
        execution_place_organ=params.get("execution_place_organ"),
        non_counted_claimed=claimed,
        non_counted_first_day=params.get("non_counted_first_day") if claimed else None,
        non_counted_last_day=params.get("non_counted_last_day") if claimed else None,
        non_counted_explanation=str(params.get("non_counted_explanation") or "") if claimed else "",
        proposing_organisation=firing.organisation,
        proposed_by=actor,
        proposed_at=timezone.now(),
        judicial_administration=cja,
    )
    _evidence_keep(firing, proposal)
    if claimed:
        proof = evidence_store(
            case=case,
            actor=actor,
            kind=EvidenceKind.OTHER,
            upload=params["non_counted_proof"],
            description=str(_("Proof of the period not to be counted")),
        )
        proposal.non_counted_proof = proof
        proposal.evidence.add(proof)
    proposal.document = _document_issue(
        firing, proposal, template="revocation_proposal", title="收监执行建议书", series="收建"
    )
    proposal.save()
    CaseParticipant.objects.get_or_create(
        case=case, organisation=cja, capacity=Capacity.JUDICIAL_ADMINISTRATION
    )
    _notify(
        cja,
        [Role.JUDICIAL_ADMIN_HEAD],
        case=case,
        key=f"revocation-proposal:{proposal.pk}",
        subject=_("%(case)s: a proposal for imprisonment to examine (P2014 Art 23 ¶1)")
        % {"case": case.number},
        body=proposal.reasons,
        severity="warning",
    )
    firing.payload.update(
        proposal_id=proposal.pk,
        grounds=proposal.grounds,
        number=proposal.number,
        judicial_administration=cja.pk,
        non_counted_claimed=claimed,
    )
    return proposal


REVOCATION_PROPOSE = Act(
    name="revocation_propose",
    label=gettext_lazy("Propose imprisonment"),
    article=ART_PROPOSE,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_propose_requires,
    clean=_propose_clean,
    effects=_proposed,
    audit="supervision.revocation_propose",
    params=ProposeParams,
    result=RevocationProposalResult,
    example={
        "expected_state": "under_supervision",
        "grounds": ["cpl_268_3", "spc_516_6"],
        "raised_grounds": [1],
        "reasons": "经病情复查，保外就医情形已经消失，刑期尚未届满",
    },
)


# The county judicial administration's examination (P2014 Art 23 ¶1).


def awaiting_proposal(record: Supervision) -> RevocationProposal | None:
    return (
        record.revocation_proposals.filter(
            origin=ProposalOrigin.CCI, status=ProposalStatus.AWAITING_APPROVAL
        )
        .order_by("-proposed_at", "-pk")
        .first()
    )


def _examine_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(case, frozenset({SupervisionState.REVOCATION_PROPOSED}), ART_EXAMINE)
    if unmet:
        return unmet
    if awaiting_proposal(Supervision.objects.get(case=case)) is None:
        return [Requirement(ART_EXAMINE, _("No proposal awaits the examination."))]
    return []


def _examined(firing: Firing) -> RevocationProposal:
    case, params, actor = firing.case, firing.params, firing.actor
    record = _record(case)
    proposal = awaiting_proposal(record)
    assert proposal is not None, "requires refused it"
    now = timezone.now()
    proposal.examined_by = actor
    proposal.examined_at = now
    proposal.examination_opinion = params["opinion"]
    if not params["approve"]:
        proposal.status = ProposalStatus.WITHDRAWN
        proposal.save()
        record.withdraw_revocation_proposal()
        record.save()
        _notify(
            record.executing_cci,
            [Role.CORRECTION_OFFICER],
            case=case,
            key=f"revocation-not-approved:{proposal.pk}",
            subject=_("%(case)s: the proposal for imprisonment was not approved")
            % {"case": case.number},
            body=proposal.examination_opinion,
        )
        firing.action = "supervision.revocation_not_approved"
        firing.payload.update(proposal_id=proposal.pk, approved=False)
        return proposal
    organ = proposal.execution_place_organ or record.deciding_organ
    if organ is None:
        raise ValidationError(_("The deciding organ of the case is not recorded."))
    procuratorate = procuratorate_of(case)
    proposal.status = ProposalStatus.SENT
    proposal.sent_to = organ
    proposal.sent_at = now
    proposal.procuratorate_copy_to = procuratorate
    proposal.save()
    if procuratorate is not None:
        # The copy awaits the procuratorate's acknowledgement (签收): the sender's soft clock
        # D-09a (P2014 Art 13 ¶3, TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS working days).
        deadline_open(
            code="D-09a",
            subject=proposal,
            trigger_at=now,
            responsible_organisation=firing.organisation,
            actor=firing.actor,
        )
    if organ != record.deciding_organ:
        # The organ of the execution place (CCL Art 49 ¶1) decides on imprisonment without
        # being the organ that granted the temporary execution: it takes part as the authority
        # of the residence's province, never as the deciding organ of the TEOP decision.
        CaseParticipant.objects.get_or_create(
            case=case, organisation=organ, capacity=Capacity.RESIDENCE_AUTHORITY
        )
    subject = _("%(case)s: proposal for imprisonment %(number)s (CCL Art 49 ¶1)") % {
        "case": case.number,
        "number": proposal.number,
    }
    _notify(
        organ,
        _DECIDERS,
        case=case,
        key=f"revocation-sent:{proposal.pk}",
        subject=subject,
        body=proposal.reasons,
        severity="warning",
    )
    _notify(
        procuratorate,
        [Role.PROCURATOR],
        case=case,
        key=f"revocation-copy:{proposal.pk}",
        subject=_("%(case)s: copy of the proposal for imprisonment %(number)s")
        % {"case": case.number, "number": proposal.number},
        body=proposal.reasons,
    )
    _notify(
        record.executing_cci,
        [Role.CORRECTION_OFFICER],
        case=case,
        key=f"revocation-approved:{proposal.pk}",
        subject=_("%(case)s: the proposal for imprisonment was approved and sent")
        % {"case": case.number},
        body=proposal.examination_opinion,
    )
    firing.action = "supervision.revocation_approved"
    firing.payload.update(
        proposal_id=proposal.pk,
        approved=True,
        sent_to=organ.pk,
        procuratorate_copy_to=procuratorate.pk if procuratorate else None,
    )
    return proposal


REVOCATION_EXAMINE = Act(
    name="revocation_examine",
    label=gettext_lazy("Examine the proposal for imprisonment"),
    article=ART_EXAMINE,
    may=judicial_admin_head_of,
    states=_UNDER,
    requires=_examine_requires,
    effects=_examined,
    audit="supervision.revocation_examine",
    reason_param="opinion",
    params=ExamineParams,
    result=RevocationProposalResult,
    example={
        "expected_state": "under_supervision",
        "approve": True,
        "opinion": "经审核，同意提请收监执行",
    },
)


# T-S03p: the procuratorate's suggestion (DOC-29).


def _suggest_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(case, REVOCABLE, ART_SUGGEST)
    if unmet:
        return unmet
    if Supervision.objects.get(case=case).deciding_organ_id is None:
        return [Requirement(ART_SUGGEST, _("The deciding organ of the case is not recorded."))]
    if not params:
        return []
    return _grounds_requires(params, "P2014 Art 23 ¶2")


def _suggested(firing: Firing) -> RevocationProposal:
    case, params, actor = firing.case, firing.params, firing.actor
    record = _record(case)
    record.propose_revocation()
    record.save()
    organ = record.deciding_organ
    assert organ is not None, "requires refused it"
    now = timezone.now()
    proposal = RevocationProposal.objects.create(
        supervision=record,
        origin=ProposalOrigin.PROCURATORATE,
        status=ProposalStatus.SENT,
        grounds=list(dict.fromkeys(params["grounds"])),
        reasons=params["reasons"],
        proposing_organisation=firing.organisation,
        proposed_by=actor,
        proposed_at=now,
        sent_to=organ,
        sent_at=now,
    )
    _evidence_keep(firing, proposal)
    proposal.document = _document_issue(
        firing,
        proposal,
        template="revocation_suggestion",
        title="收监执行检察建议书",
        series="收检建",
    )
    proposal.save()
    _notify(
        organ,
        _DECIDERS,
        case=case,
        key=f"revocation-suggestion:{proposal.pk}",
        subject=_("%(case)s: procuratorial suggestion to imprison %(number)s (P2014 Art 23 ¶2)")
        % {"case": case.number, "number": proposal.number},
        body=proposal.reasons,
        severity="warning",
    )
    _notify(
        record.executing_cci,
        [Role.CORRECTION_OFFICER],
        case=case,
        key=f"revocation-suggestion-cci:{proposal.pk}",
        subject=_("%(case)s: the procuratorate suggested imprisonment") % {"case": case.number},
        body=proposal.reasons,
    )
    firing.payload.update(
        proposal_id=proposal.pk, grounds=proposal.grounds, number=proposal.number, sent_to=organ.pk
    )
    return proposal


REVOCATION_SUGGEST = Act(
    name="revocation_suggest",
    label=gettext_lazy("Suggest imprisonment"),
    article=ART_SUGGEST,
    may=procurator_of,
    states=_UNDER,
    requires=_suggest_requires,
    clean=_grounds_clean,
    effects=_suggested,
    audit="supervision.revocation_suggest",
    params=SuggestParams,
    result=RevocationProposalResult,
    example={
        "expected_state": "under_supervision",
        "grounds": ["cpl_268_2", "spc_516_4"],
        "reasons": "罪犯两次受到警告仍不改正，应当收监执行而未收监",
    },
)

#: The acts of this part, in the order the page offers them.
REVOCATION_ACTS: dict[str, Act] = {
    act.name: act for act in (REVOCATION_PROPOSE, REVOCATION_EXAMINE, REVOCATION_SUGGEST)
}
acts_register(REVOCATION_ACTS.values())

# The page's section registers itself once the acts exist (`supervision.sections`).
from . import sections as _sections  # noqa: E402, F401
