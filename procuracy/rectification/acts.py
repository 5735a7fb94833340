"""The declared acts of rectification opinions and procuratorial suggestions (legal-spec P9,
D-25, D-26, DOC-36; P2014 Art 29; SPP-Rules Arts 552, 624; CCL Art 62):

- `rectification_oral_issue`: a minor illegality raised orally and recorded (SPP-Rules Art
  624(1)); opens D-25, seven calendar days from the oral opinion. A serious one may not be oral.
- `rectification_correction_record`: the organ corrected it; D-25 met, the opinion closed.
- `rectification_written_issue`: a serious illegality at once, or an oral opinion left
  uncorrected once D-25 is due (SPP-Rules Art 624(2)), with the Chief Procurator's approval
  (SPP-Rules Art 552): DOC-36 issued, D-26 opened for the written reply (CCL Art 62).
- `rectification_reply_record`: the addressed organ's written reply, with reasons for not
  adopting it (CCL Art 62); D-26 met, the procuratorate told.
- `procuratorial_suggestion_issue` / `procuratorial_suggestion_reply_record`: the suggestion on
  a systemic risk (SPP-Rules Art 624(3)) and its reply (CCL Art 62; D-26s).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.opinions import procurator_of
from cases.acts.registry import acts_register
from cases.jurisdiction import CAPACITY_ROLES, Capacity
from cases.models import Case, CaseState, EvidenceKind
from cases.services.workflow import evidence_store
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import Role
from kernel.audit.services import audit_record
from kernel.deadlines.models import OPEN_STATUSES, Deadline, DeadlineStatus
from kernel.deadlines.services import deadline_open
from kernel.documents.services import document_issue
from kernel.notices.services import notice_send_to_role
from kernel.numbering.services import number_issue
from kernel.refusals import Requirement

from .models import (
    OpinionForm,
    ProcuratorialSuggestion,
    RectificationMatter,
    RectificationOpinion,
    RectificationStatus,
    Seriousness,
    SuggestionStatus,
)

ART_ORAL = "SPP-Rules Art 624(1); P2014 Art 29"
ART_CORRECTED = "SPP-Rules Art 624(1)"
ART_WRITTEN = "SPP-Rules Art 624(2); P2014 Art 29"
ART_CHIEF = "SPP-Rules Art 552"
ART_REPLY = "CCL Art 62"
ART_SUGGEST = "SPP-Rules Art 624(3); CCL Art 62"

#: Rectification concerns every stage the procuratorate supervises (P2014 Art 29).
_ANY_STATE = frozenset(CaseState)
#: The capacities of the organs an opinion may be addressed to: the deciding organ, the prison
#: or detention centre, the community-correction institution (P2014 Art 29; SPP-Rules Arts
#: 629, 642-644).
TARGET_CAPACITIES = (
    Capacity.DECISION_ORGAN,
    Capacity.INSTITUTION,
    Capacity.FILEHOLDER,
    Capacity.RECEIVING_INSTITUTION,
    Capacity.EXECUTING_CCI,
)


def rectification_targets(case: Case) -> QuerySet[Organisation]:
    """The organisations of the case an opinion or suggestion may be addressed to."""
    return (
        Organisation.objects.filter(
            case_participations__case=case, case_participations__capacity__in=TARGET_CAPACITIES
        )
        .distinct()
        .order_by("name", "pk")
    )


def _target_roles(case: Case, organisation: Organisation) -> set[str]:
    """The roles that act for `organisation` in the case, in its target capacities."""
    roles: set[str] = set()
    for p in case.participants.all():
        if p.organisation_id == organisation.pk and p.capacity in TARGET_CAPACITIES:
            roles |= CAPACITY_ROLES[p.capacity]
    return roles


def lane_url(case: Case) -> str:
    return reverse("procuracy:lane", args=[case.pk]) + "#section-rectification"


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _notify(
    organisation: Organisation, roles: set[str], case: Case, key: str, subject: str, body: str
) -> None:
    notice_send_to_role(
        organisation_id=organisation.pk,
        roles=roles,
        key=f"{key}:{case.pk}:{organisation.pk}",
        subject=subject,
        body=body,
        link=lane_url(case),
        severity="warning",
    )


def clock_meet(deadline: Deadline | None, *, case: Case, event: str, actor: User) -> None:
    """Meet this one clock (a case may have several opinions, each with its own clock)."""
    if deadline is None:
        return
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.status not in (*OPEN_STATUSES, DeadlineStatus.SUSPENDED):
        return
    now = timezone.now()
    deadline.status = DeadlineStatus.MET
    deadline.met_at = now
    deadline.met_by = event[:120]
    deadline.save(update_fields=["status", "met_at", "met_by", "updated_at"])
    audit_record(
        actor=actor,
        action="deadline.met",
        obj=case,
        reason=event,
        payload={
            "deadline": deadline.pk,
            "kind": deadline.kind,
            "late": bool(deadline.due_at and now > deadline.due_at),
        },
    )


def correction_due(opinion: RectificationOpinion) -> dt.date | None:
    """The last of the seven days of an oral opinion (D-25)."""
    clock = opinion.correction_clock
    if clock is None:
        return None
    return clock.due_date or clock.estimated_due_date


def _target_clean(case: Case, params: Params) -> None:
    target = params.get("target")
    if target is not None and not rectification_targets(case).filter(pk=target.pk).exists():
        raise ValidationError(
            {
                "target": _(
                    "Address it to the deciding organ, the prison or detention centre, or the "
                    "community-correction institution of this case."
                )
            }
        )


def _chief(params: Params) -> list[Requirement]:
    if params and not params.get("chief_approved"):
        return [
            Requirement(
                ART_CHIEF,
                _(
                    "A written rectification opinion or suggestion needs the Chief Procurator's "
                    "approval."
                ),
            )
        ]
    return []


# SPP-Rules Art 624(1): the oral opinion, D-25.


def _oral_requires(case: Case, params: Params) -> list[Requirement]:
    if params.get("seriousness") == Seriousness.SERIOUS:
        return [
            Requirement(
                "SPP-Rules Art 624(2)",
                _("A serious illegality is raised in writing at once, not orally."),
            )
        ]
    return []


def _oral_issued(firing: Firing) -> RectificationOpinion:
    """Record the oral opinion and open D-25: seven calendar days to correct."""
    case, params = firing.case, firing.params
    target = params["target"]
    opinion = RectificationOpinion.objects.create(
        case=case,
        procuratorate=firing.organisation,
        target=target,
        form=OpinionForm.ORAL,
        seriousness=Seriousness.MINOR,
        matter=params.get("matter", RectificationMatter.OTHER),
        status=RectificationStatus.OPEN,
        issued_on=params["issued_on"],
        illegality=params["illegality"],
        required_correction=params["required_correction"],
        issued_by=firing.actor,
    )
    opinion.correction_clock = deadline_open(
        code="D-25",
        subject=case,
        trigger_at=_start_of(opinion.issued_on),
        responsible_organisation=firing.organisation,
        actor=firing.actor,
    )
    opinion.save(update_fields=["correction_clock"])
    _notify(
        target,
        _target_roles(case, target),
        case,
        f"rectification-oral:{opinion.pk}",
        _("%(case)s: oral rectification opinion of %(proc)s, to correct within 7 days")
        % {"case": case.number, "proc": firing.organisation},
        opinion.illegality,
    )
    firing.payload.update(opinion_id=opinion.pk, target=target.pk, form=opinion.form)
    return opinion


class RectificationOralParams(serializers.Serializer[Any]):
    target = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        help_text="The organ of the case: deciding organ, prison/detention centre or CCI.",
    )
    seriousness = serializers.ChoiceField(
        choices=Seriousness.choices,
        default=Seriousness.MINOR,
        help_text="A serious one is refused.",
    )
    issued_on = serializers.DateField(help_text="The day the opinion was raised orally.")
    matter = serializers.ChoiceField(
        choices=RectificationMatter.choices,
        default=RectificationMatter.OTHER,
        help_text="What it is about: hand_over accounts for a late hand-over (漏管, CCL Art 21).",
    )
    illegality = serializers.CharField(max_length=4000)
    required_correction = serializers.CharField(max_length=4000)


class RectificationOpinionResult(serializers.ModelSerializer[RectificationOpinion]):
    status = serializers.CharField(read_only=True)
    form = serializers.CharField(read_only=True)

    class Meta:
        model = RectificationOpinion
        fields = [
            "id",
            "target",
            "form",
            "matter",
            "status",
            "issued_on",
            "number",
            "escalates",
            "replied_on",
            "adopted",
        ]


RECTIFICATION_ORAL_ISSUE = Act(
    name="rectification_oral_issue",
    label=gettext_lazy("Raise an oral rectification opinion"),
    article=ART_ORAL,
    may=procurator_of,
    states=_ANY_STATE,
    requires=_oral_requires,
    clean=_target_clean,
    effects=_oral_issued,
    audit="procuracy.rectification_oral_issue",
    reason_param="illegality",
    params=RectificationOralParams,
    result=RectificationOpinionResult,
    example={
        "target": 1,
        "seriousness": "minor",
        "issued_on": "2026-03-02",
        "illegality": "未按规定每月组织罪犯病情复查",
        "required_correction": "七日内组织复查并报送复查结果",
    },
)


# The correction within the seven days.


def _opinion_of(case: Case, params: Params, key: str = "opinion") -> RectificationOpinion | None:
    opinion = params.get(key)
    if isinstance(opinion, RectificationOpinion) and opinion.case_id == case.pk:
        return opinion
    return None


def _opinion_clean(case: Case, params: Params) -> None:
    if params.get("opinion") is not None and _opinion_of(case, params) is None:
        raise ValidationError({"opinion": _("Choose a rectification opinion of this case.")})


def _correction_requires(case: Case, params: Params) -> list[Requirement]:
    opinion = _opinion_of(case, params)
    if opinion is None:
        return []
    if opinion.form != OpinionForm.ORAL or opinion.status != RectificationStatus.OPEN:
        return [
            Requirement(
                ART_CORRECTED,
                _("Only an oral opinion still awaiting correction can be recorded as corrected."),
            )
        ]
    return []


def _correction_clean(case: Case, params: Params) -> None:
    _opinion_clean(case, params)
    opinion = _opinion_of(case, params)
    if opinion is not None and params["corrected_on"] < opinion.issued_on:
        raise ValidationError({"corrected_on": _("The correction cannot precede the opinion.")})


def _corrected(firing: Firing) -> RectificationOpinion:
    """D-25 met; the opinion is closed."""
    opinion = _opinion_of(firing.case, firing.params)
    assert opinion is not None, "clean refused it"
    opinion.status = RectificationStatus.CORRECTED
    opinion.corrected_on = firing.params["corrected_on"]
    opinion.correction_note = firing.params.get("correction_note", "")
    opinion.save(update_fields=["status", "corrected_on", "correction_note"])
    clock_meet(
        opinion.correction_clock,
        case=firing.case,
        event=_("corrected after the oral opinion"),
        actor=firing.actor,
    )
    firing.payload.update(opinion_id=opinion.pk)
    return opinion


class RectificationCorrectionParams(serializers.Serializer[Any]):
    opinion = serializers.PrimaryKeyRelatedField(
        queryset=RectificationOpinion.objects.all(), help_text="The oral opinion corrected."
    )
    corrected_on = serializers.DateField()
    correction_note = serializers.CharField(max_length=4000, required=False, allow_blank=True)


RECTIFICATION_CORRECTION_RECORD = Act(
    name="rectification_correction_record",
    label=gettext_lazy("Record the correction of an oral opinion"),
    article=ART_CORRECTED,
    may=procurator_of,
    states=_ANY_STATE,
    requires=_correction_requires,
    clean=_correction_clean,
    effects=_corrected,
    audit="procuracy.rectification_correction_record",
    params=RectificationCorrectionParams,
    result=RectificationOpinionResult,
    example={"opinion": 1, "corrected_on": "2026-03-05", "correction_note": "已组织复查"},
)


# SPP-Rules Art 624(2): the written opinion, DOC-36, D-26.


def _written_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _chief(params)
    if not params:
        return unmet
    oral = _opinion_of(case, params, "oral")
    if params.get("oral") is not None:
        if oral is None:
            return unmet
        if oral.form != OpinionForm.ORAL or oral.status != RectificationStatus.OPEN:
            unmet.append(
                Requirement(
                    "SPP-Rules Art 624(2)",
                    _("Only an oral opinion still awaiting correction is raised in writing."),
                )
            )
            return unmet
        due = correction_due(oral)
        # "七日以内未予纠正": written from the day after the seventh day, not on it.
        if due is not None and timezone.localdate() <= due:
            unmet.append(
                Requirement(
                    "SPP-Rules Art 624(2)",
                    _(
                        "The seven days to correct the oral opinion run until %(due)s: it is "
                        "raised in writing only if it is not corrected by then, or if the "
                        "illegality is serious."
                    )
                    % {"due": due.isoformat()},
                )
            )
    elif params.get("seriousness") != Seriousness.SERIOUS:
        unmet.append(
            Requirement(
                "SPP-Rules Art 624(2)",
                _(
                    "A minor illegality is first raised orally; it is raised in writing at once "
                    "only when serious."
                ),
            )
        )
    return unmet


def _written_clean(case: Case, params: Params) -> None:
    if params.get("oral") is not None and _opinion_of(case, params, "oral") is None:
        raise ValidationError({"oral": _("Choose an oral opinion of this case.")})
    if params.get("oral") is None and params.get("target") is None:
        raise ValidationError({"target": _("Choose the organ the opinion is addressed to.")})
    _target_clean(case, params)


def _written_issued(firing: Firing) -> RectificationOpinion:
    """Issue DOC-36 with its number, meet D-25 of the oral opinion it raises, open D-26 for
    the written reply and tell the organ."""
    case, params, actor = firing.case, firing.params, firing.actor
    oral = _opinion_of(case, params, "oral")
    target = oral.target if oral is not None else params["target"]
    today = timezone.localdate()
    opinion = RectificationOpinion.objects.create(
        case=case,
        procuratorate=firing.organisation,
        target=target,
        form=OpinionForm.WRITTEN,
        seriousness=Seriousness.MINOR if oral is not None else Seriousness.SERIOUS,
        matter=oral.matter if oral is not None else params.get("matter", RectificationMatter.OTHER),
        status=RectificationStatus.ISSUED,
        issued_on=today,
        illegality=params["illegality"],
        required_correction=params["required_correction"],
        chief_approved=True,
        escalates=oral,
        issued_by=actor,
    )
    if oral is not None:
        oral.status = RectificationStatus.ESCALATED
        oral.save(update_fields=["status"])
        clock_meet(
            oral.correction_clock,
            case=case,
            event=_("not corrected: raised in writing"),
            actor=actor,
        )
    opinion.number = number_issue(
        organisation=firing.organisation,
        series="纠",
        year=today.year,
        taken=lambda n: RectificationOpinion.objects.filter(number=n).exists(),
    )
    opinion.document = document_issue(
        subject=case,
        template="rectification_opinion",
        context={
            "opinion": opinion,
            "oral": oral,
            "offender": case.offender,
            "case": case,
            "addressee": target,
        },
        number=opinion.number,
        title="纠正意见书",
        issuing_organisation=firing.organisation,
        issued_on=today,
        actor=actor,
    )
    opinion.reply_clock = deadline_open(
        code="D-26",
        subject=case,
        trigger_at=timezone.now(),
        responsible_organisation=target,
        actor=actor,
    )
    opinion.save(update_fields=["number", "document", "reply_clock"])
    _notify(
        target,
        _target_roles(case, target),
        case,
        f"rectification-written:{opinion.pk}",
        _("%(case)s: rectification opinion %(number)s: reply in writing (CCL Art 62)")
        % {"case": case.number, "number": opinion.number},
        opinion.illegality,
    )
    firing.payload.update(
        opinion_id=opinion.pk,
        number=opinion.number,
        target=target.pk,
        escalates=oral.pk if oral is not None else None,
    )
    return opinion


class RectificationWrittenParams(serializers.Serializer[Any]):
    oral = serializers.PrimaryKeyRelatedField(
        queryset=RectificationOpinion.objects.all(),
        required=False,
        allow_null=True,
        help_text="The oral opinion not corrected within 7 days, if it is raised in writing.",
    )
    target = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="The organ, when no oral opinion is raised (a serious illegality).",
    )
    seriousness = serializers.ChoiceField(choices=Seriousness.choices, default=Seriousness.SERIOUS)
    matter = serializers.ChoiceField(
        choices=RectificationMatter.choices,
        default=RectificationMatter.OTHER,
        help_text="What it is about (an escalated oral opinion keeps its own): hand_over "
        "accounts for a late hand-over (漏管, CCL Art 21).",
    )
    illegality = serializers.CharField(max_length=4000)
    required_correction = serializers.CharField(max_length=4000)
    chief_approved = serializers.BooleanField()


RECTIFICATION_WRITTEN_ISSUE = Act(
    name="rectification_written_issue",
    label=gettext_lazy("Issue a written rectification opinion"),
    article=ART_WRITTEN,
    may=procurator_of,
    states=_ANY_STATE,
    requires=_written_requires,
    clean=_written_clean,
    effects=_written_issued,
    audit="procuracy.rectification_written_issue",
    reason_param="illegality",
    params=RectificationWrittenParams,
    result=RectificationOpinionResult,
    example={
        "target": 1,
        "seriousness": "serious",
        "illegality": "对不符合病情条件的罪犯提请暂予监外执行",
        "required_correction": "撤回提请并依法重新审查",
        "chief_approved": True,
    },
)


# CCL Art 62: the written reply of the addressed organ.


def replying_organ(model: type[Any]) -> Any:
    """`may` of a reply: a user of an organ of the case, in a capacity an opinion may be
    addressed to and with that capacity's roles, to which something of `model` is addressed
    in writing; returns the organ. Which record it answers is checked by the effects."""

    def may(case: Case, actor: User) -> Organisation:
        organisation = next(
            (
                p.organisation
                for p in case.participants.all()
                if p.organisation_id == actor.organisation_id
                and p.capacity in TARGET_CAPACITIES
                and CAPACITY_ROLES[p.capacity] & set(actor.role_codes)
            ),
            None,
        )
        addressed = model.objects.filter(case=case, target_id=actor.organisation_id)
        if model is RectificationOpinion:
            addressed = addressed.filter(form=OpinionForm.WRITTEN)
        if organisation is None or not addressed.exists():
            raise PermissionDenied(_("Only the organ it is addressed to replies in writing."))
        return organisation

    return may


def _reply_requires(key: str) -> Any:
    def requires(case: Case, params: Params) -> list[Requirement]:
        record = params.get(key)
        if record is None or record.case_id != case.pk:
            return []
        unmet = []
        if isinstance(record, RectificationOpinion) and record.form == OpinionForm.ORAL:
            unmet.append(
                Requirement(
                    ART_REPLY,
                    _("An oral opinion is corrected, not answered in writing."),
                )
            )
        elif record.status == RectificationStatus.ANSWERED:
            unmet.append(
                Requirement(
                    ART_REPLY,
                    _("It was already answered on %(day)s.")
                    % {"day": record.replied_on.isoformat() if record.replied_on else "—"},
                )
            )
        if (
            params.get("adopted") is False
            and not str(params.get("non_adoption_reasons") or "").strip()
        ):
            unmet.append(Requirement(ART_REPLY, _("Give the reasons for not adopting it.")))
        return unmet

    return requires


def _reply_clean(key: str) -> Any:
    def clean(case: Case, params: Params) -> None:
        record = params.get(key)
        if record is not None and record.case_id != case.pk:
            raise ValidationError({key: _("Choose one of this case.")})
        if record is not None and params["replied_on"] < record.issued_on:
            raise ValidationError({"replied_on": _("The reply cannot precede what it answers.")})

    return clean


def _replied(key: str) -> Any:
    def effects(firing: Firing) -> Any:
        """Record the written reply (CCL Art 62), meet its clock and tell the procuratorate."""
        case, params, actor = firing.case, firing.params, firing.actor
        record = params[key]
        if record.target_id != firing.organisation.pk:
            raise PermissionDenied(_("Only the organ it is addressed to replies in writing."))
        scan = params.get("reply_scan")
        if scan:
            record.reply_scan = evidence_store(
                case=case,
                actor=actor,
                kind=EvidenceKind.OTHER,
                upload=scan,
                description=str(_("Written reply to the procuratorate"))[:200],
            )
        record.status = RectificationStatus.ANSWERED
        record.replied_on = params["replied_on"]
        record.adopted = params["adopted"]
        record.reply_content = params.get("reply_content", "")
        record.non_adoption_reasons = "" if record.adopted else params["non_adoption_reasons"]
        record.replied_by = actor
        record.save()
        clock_meet(record.reply_clock, case=case, event=_("written reply received"), actor=actor)
        notice_send_to_role(
            organisation_id=record.procuratorate_id,
            roles=[Role.PROCURATOR],
            key=f"rectification-reply:{key}:{record.pk}:{case.pk}",
            subject=(
                _("%(case)s: %(organ)s replied in writing: adopted")
                if record.adopted
                else _("%(case)s: %(organ)s replied in writing: not adopted")
            )
            % {"case": case.number, "organ": firing.organisation},
            body=record.reply_content or record.non_adoption_reasons,
            link=lane_url(case),
        )
        firing.payload.update(record_id=record.pk, adopted=record.adopted)
        return record

    return effects


class _ReplyParams(serializers.Serializer[Any]):
    replied_on = serializers.DateField()
    adopted = serializers.BooleanField()
    reply_content = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    non_adoption_reasons = serializers.CharField(
        max_length=4000,
        required=False,
        allow_blank=True,
        help_text="Required when not adopted (CCL Art 62).",
    )
    reply_scan = serializers.FileField(
        required=False, help_text="The signed reply: PDF, JPEG or PNG (checked by content)."
    )


class RectificationReplyParams(_ReplyParams):
    opinion = serializers.PrimaryKeyRelatedField(queryset=RectificationOpinion.objects.all())


RECTIFICATION_REPLY_RECORD = Act(
    name="rectification_reply_record",
    label=gettext_lazy("Reply in writing to the rectification opinion"),
    article=ART_REPLY,
    may=replying_organ(RectificationOpinion),
    states=_ANY_STATE,
    requires=_reply_requires("opinion"),
    clean=_reply_clean("opinion"),
    effects=_replied("opinion"),
    audit="procuracy.rectification_reply_record",
    params=RectificationReplyParams,
    result=RectificationOpinionResult,
    example={
        "opinion": 1,
        "replied_on": "2026-03-20",
        "adopted": True,
        "reply_content": "已组织复查并报送结果",
    },
)


# SPP-Rules Art 624(3): the procuratorial suggestion, D-26s.


def _suggestion_issued(firing: Firing) -> ProcuratorialSuggestion:
    """Record the suggestion, open D-26s for the written reply and tell the organ."""
    case, params, actor = firing.case, firing.params, firing.actor
    target = params["target"]
    suggestion = ProcuratorialSuggestion.objects.create(
        case=case,
        procuratorate=firing.organisation,
        target=target,
        status=SuggestionStatus.ISSUED,
        issued_on=timezone.localdate(),
        risk=params["risk"],
        suggestion=params["suggestion"],
        chief_approved=True,
        issued_by=actor,
    )
    suggestion.reply_clock = deadline_open(
        code="D-26s",
        subject=case,
        trigger_at=timezone.now(),
        responsible_organisation=target,
        actor=actor,
    )
    suggestion.save(update_fields=["reply_clock"])
    _notify(
        target,
        _target_roles(case, target),
        case,
        f"procuratorial-suggestion:{suggestion.pk}",
        _("%(case)s: procuratorial suggestion of %(proc)s: reply in writing (CCL Art 62)")
        % {"case": case.number, "proc": firing.organisation},
        suggestion.suggestion,
    )
    firing.payload.update(suggestion_id=suggestion.pk, target=target.pk)
    return suggestion


class SuggestionIssueParams(serializers.Serializer[Any]):
    target = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    risk = serializers.CharField(max_length=4000)
    suggestion = serializers.CharField(max_length=4000)
    chief_approved = serializers.BooleanField()


class ProcuratorialSuggestionResult(serializers.ModelSerializer[ProcuratorialSuggestion]):
    status = serializers.CharField(read_only=True)

    class Meta:
        model = ProcuratorialSuggestion
        fields = ["id", "target", "status", "issued_on", "replied_on", "adopted"]


PROCURATORIAL_SUGGESTION_ISSUE = Act(
    name="procuratorial_suggestion_issue",
    label=gettext_lazy("Issue a procuratorial suggestion"),
    article=ART_SUGGEST,
    may=procurator_of,
    states=_ANY_STATE,
    requires=lambda case, params: _chief(params),
    clean=_target_clean,
    effects=_suggestion_issued,
    audit="procuracy.procuratorial_suggestion_issue",
    reason_param="risk",
    params=SuggestionIssueParams,
    result=ProcuratorialSuggestionResult,
    example={
        "target": 1,
        "risk": "病情诊断医院非省级指定医院的情形多次出现",
        "suggestion": "建立指定医院核验制度",
        "chief_approved": True,
    },
)


class SuggestionReplyParams(_ReplyParams):
    suggestion = serializers.PrimaryKeyRelatedField(queryset=ProcuratorialSuggestion.objects.all())


PROCURATORIAL_SUGGESTION_REPLY_RECORD = Act(
    name="procuratorial_suggestion_reply_record",
    label=gettext_lazy("Reply in writing to the procuratorial suggestion"),
    article=ART_REPLY,
    may=replying_organ(ProcuratorialSuggestion),
    states=_ANY_STATE,
    requires=_reply_requires("suggestion"),
    clean=_reply_clean("suggestion"),
    effects=_replied("suggestion"),
    audit="procuracy.procuratorial_suggestion_reply_record",
    params=SuggestionReplyParams,
    result=ProcuratorialSuggestionResult,
    example={
        "suggestion": 1,
        "replied_on": "2026-04-20",
        "adopted": False,
        "non_adoption_reasons": "现行制度已覆盖",
    },
)

#: The acts of this part, in the order the lane offers them.
RECTIFICATION_ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        RECTIFICATION_ORAL_ISSUE,
        RECTIFICATION_CORRECTION_RECORD,
        RECTIFICATION_WRITTEN_ISSUE,
        RECTIFICATION_REPLY_RECORD,
        PROCURATORIAL_SUGGESTION_ISSUE,
        PROCURATORIAL_SUGGESTION_REPLY_RECORD,
    )
}
acts_register(RECTIFICATION_ACTS.values())

# The lane's section registers itself once the acts exist (`procuracy.lane`).
from . import sections as _sections  # noqa: E402, F401
