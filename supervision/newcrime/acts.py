"""The declared acts of this part, registered with the runner at import: a new or undiscovered
crime during community correction (legal-spec §3.4 T-S01, T-S02, T-S02b; P2014 Art 22;
CCL Arts 32, 45).

- `criminal_measure_record` (T-S01): the investigating organ's notice of a compulsory measure
  reaches the CCI; supervision → criminal proceedings. D-16 (24 hours, P2014 Art 22 ¶1) is
  opened at the time of the measure and met at the time of the notice, so a late notice stays
  visible as met late, with both timestamps on the record.
- `new_judgment_record` (T-S02): the new judgment is effective with a custodial sentence; the
  original or, if different, the file-holding institution takes the person in; community
  correction ends (CCL Art 45). D-17 (the court's notice, "promptly") has no statutory number
  and `kernel.deadlines.kinds` has no soft limit for it (legal-spec §4): the day the court's
  notice arrived is recorded, no clock is opened.
- `criminal_proceedings_close` (T-S02b): acquittal, withdrawal or a non-custodial outcome;
  back under supervision (CCL Art 32).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.jurisdiction import CAPACITY_ROLES, Capacity
from cases.models import Case, CaseParticipant, CaseState, EvidenceKind
from cases.services.workflow import evidence_store
from kernel.accounts.models import Organisation
from kernel.accounts.roles import CUSTODY_ROLES, OrganisationType
from kernel.bounds import PAST_EVENT
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.refusals import Requirement

from ..acts import organisations_of, receiving_officer_of
from ..community_acts import _notify, _state_requires, supervision_end
from ..models import REVOCABLE, Supervision, SupervisionState
from .models import (
    RESUMING_OUTCOME_CHOICES,
    CompulsoryMeasure,
    CrimeKind,
    CriminalProceeding,
    ProceedingOutcome,
)

ART_MEASURE = "P2014 Art 22 ¶1; CCL Art 32"
ART_JUDGMENT = "P2014 Art 22 ¶2; CCL Art 45"
ART_CLOSE = "CCL Art 32"
_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
_DECISION_ORGAN_STAFF = CAPACITY_ROLES[Capacity.DECISION_ORGAN]
_PROCURATORS = CAPACITY_ROLES[Capacity.PROCURATORATE]
#: Organs that investigate crimes and take compulsory measures (legal-spec §1.1 INV; the
#: public security organs).
INVESTIGATING_TYPES = (
    OrganisationType.INVESTIGATION_ORGAN,
    OrganisationType.COUNTY_PUBLIC_SECURITY,
    OrganisationType.MUNICIPAL_PUBLIC_SECURITY,
)
CUSTODIAL_TYPES = (OrganisationType.PRISON, OrganisationType.DETENTION_CENTRE)
_IN_PROCEEDINGS = frozenset({SupervisionState.CRIMINAL_PROCEEDINGS})


def investigating_organs(case: Case) -> Any:
    """The investigating organs a form offers: those of the executing CCI's province (an organ
    elsewhere is named in words)."""
    return _of_province(case, INVESTIGATING_TYPES)


def custodial_organs(case: Case) -> Any:
    """Prisons and detention centres of the executing CCI's province."""
    return _of_province(case, CUSTODIAL_TYPES)


def _of_province(case: Case, types: tuple[str, ...]) -> Any:
    record = Supervision.objects.filter(case=case).select_related("executing_cci").first()
    province = record.executing_cci.region_code[:2] if record is not None else ""
    return Organisation.objects.filter(
        type__in=types, region_code__startswith=province or "--"
    ).order_by("region_code", "name")


def _record(case: Case) -> Supervision:
    return Supervision.objects.select_for_update().get(case=case)


def open_proceeding(record: Supervision) -> CriminalProceeding | None:
    return record.criminal_proceedings.filter(outcome="").first()


def _not_in_future(value: dt.date | dt.datetime, field: str) -> None:
    now = timezone.now() if isinstance(value, dt.datetime) else timezone.localdate()
    if value > now:
        raise ValidationError({field: _("This has not happened yet: the time is in the future.")})


def _recipients(record: Supervision, case: Case) -> list[tuple[Organisation | None, Any]]:
    return [
        (record.deciding_organ, _DECISION_ORGAN_STAFF),
        *((p, _PROCURATORS) for p in organisations_of(case, Capacity.PROCURATORATE)),
    ]


# T-S01: the compulsory measure and its notice within 24 hours (P2014 Art 22 ¶1; D-16).


class CriminalMeasureParams(serializers.Serializer[Any]):
    crime_kind = serializers.ChoiceField(
        choices=CrimeKind.choices, help_text="A new crime, or an earlier crime found only now."
    )
    suspected_offence = serializers.CharField(
        max_length=200, help_text="The offence the person is suspected of."
    )
    investigating_organ = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(type__in=INVESTIGATING_TYPES),
        required=False,
        allow_null=True,
        default=None,
        help_text="The investigating organ, when it is in the system (of the same province).",
    )
    investigating_organ_name = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100,
        help_text="Otherwise its name as written on its notice.",
    )
    measure = serializers.ChoiceField(
        choices=CompulsoryMeasure.choices, help_text="The compulsory measure taken."
    )
    measure_taken_at = serializers.DateTimeField(
        validators=[PAST_EVENT], help_text="When the measure was taken."
    )
    cci_notified_at = serializers.DateTimeField(
        validators=[PAST_EVENT], help_text="When the investigating organ's notice reached the CCI."
    )
    notice_scan = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The notice (PDF, JPEG or PNG, checked by content).",
    )


class ProceedingResult(serializers.ModelSerializer[CriminalProceeding]):
    notice_late = serializers.BooleanField(read_only=True)
    supervision_state = serializers.CharField(source="supervision.state", read_only=True)

    class Meta:
        model = CriminalProceeding
        fields = [
            "id",
            "crime_kind",
            "suspected_offence",
            "investigating_organ",
            "investigating_organ_name",
            "measure",
            "measure_taken_at",
            "cci_notified_at",
            "notice_late",
            "notice_document",
            "outcome",
            "judgment_court",
            "judgment_number",
            "judgment_effective_on",
            "new_sentence",
            "court_notified_on",
            "receiving_institution",
            "outcome_reason",
            "outcome_recorded_at",
            "supervision_state",
        ]


def _measure_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(case, REVOCABLE, "P2014 Art 22 ¶1")
    taken, notified = params.get("measure_taken_at"), params.get("cci_notified_at")
    if not unmet and taken is not None and notified is not None and notified < taken:
        unmet.append(
            Requirement(
                "P2014 Art 22 ¶1",
                _(
                    "The notice cannot reach the institution before the measure was taken: "
                    "the investigating organ notifies after taking it."
                ),
            )
        )
    return unmet


def _measure_clean(case: Case, params: Params) -> None:
    taken, notified = params["measure_taken_at"], params["cci_notified_at"]
    _not_in_future(taken, "measure_taken_at")
    _not_in_future(notified, "cci_notified_at")
    organ: Organisation | None = params.get("investigating_organ")
    name = str(params.get("investigating_organ_name") or "").strip()
    if (organ is None) == (not name):
        raise ValidationError(
            {
                "investigating_organ": _(
                    "Choose the investigating organ or write its name, not both."
                )
            }
        )
    if organ is not None and not investigating_organs(case).filter(pk=organ.pk).exists():
        raise ValidationError(
            {
                "investigating_organ": _(
                    "Choose an organ of this province, or write the name of one elsewhere."
                )
            }
        )


def _measure_recorded(firing: Firing) -> CriminalProceeding:
    case, params, actor = firing.case, firing.params, firing.actor
    record = _record(case)
    record.open_criminal_proceedings()
    record.save()
    upload = params.get("notice_scan")
    notice = (
        evidence_store(
            case=case,
            actor=actor,
            kind=EvidenceKind.OTHER,
            upload=upload,
            description=str(_("Notice of a compulsory measure (P2014 Art 22)")),
        )
        if upload
        else None
    )
    proceeding = CriminalProceeding.objects.create(
        supervision=record,
        crime_kind=params["crime_kind"],
        suspected_offence=params["suspected_offence"],
        investigating_organ=params.get("investigating_organ"),
        investigating_organ_name=str(params.get("investigating_organ_name") or "").strip(),
        measure=params["measure"],
        measure_taken_at=params["measure_taken_at"],
        cci_notified_at=params["cci_notified_at"],
        notice_document=notice,
        recorded_by=actor,
    )
    # D-16: from the measure; met by the notice at the time it arrived (late if after 24 h).
    clock = deadline_open(
        code="D-16",
        subject=case,
        trigger_at=proceeding.measure_taken_at,
        responsible_organisation=firing.organisation,
        actor=actor,
    )
    deadline_meet(
        subject=case,
        code="D-16",
        event="notice of the compulsory measure received",
        actor=actor,
        at=proceeding.cci_notified_at,
    )
    proceeding.notice_deadline = clock
    proceeding.save(update_fields=["notice_deadline"])
    firing.payload.update(
        criminal_proceeding_id=proceeding.pk,
        crime_kind=proceeding.crime_kind,
        measure=proceeding.measure,
        measure_taken_at=proceeding.measure_taken_at.isoformat(),
        cci_notified_at=proceeding.cci_notified_at.isoformat(),
        notice_late=proceeding.notice_late,
    )
    subject = _("%(case)s: compulsory measure for a new or undiscovered crime (P2014 Art 22)") % {
        "case": case.number
    }
    body = _(
        "%(measure)s by %(organ)s at %(taken)s for %(offence)s; the community-correction "
        "institution was notified at %(notified)s."
    ) % {
        "measure": proceeding.get_measure_display(),
        "organ": proceeding.organ_label,
        "taken": timezone.localtime(proceeding.measure_taken_at).strftime("%Y-%m-%d %H:%M"),
        "offence": proceeding.suspected_offence,
        "notified": timezone.localtime(proceeding.cci_notified_at).strftime("%Y-%m-%d %H:%M"),
    }
    if proceeding.notice_late:
        body += " " + _("The notice was late: more than 24 hours after the measure.")
    for organisation, roles in _recipients(record, case):
        _notify(
            organisation,
            roles,
            case=case,
            key=f"criminal-measure:{proceeding.pk}",
            subject=subject,
            body=body,
            severity="warning",
        )
    return proceeding


CRIMINAL_MEASURE_RECORD = Act(
    name="criminal_measure_record",
    label=gettext_lazy("Record a compulsory measure for a new crime"),
    article=ART_MEASURE,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_measure_requires,
    clean=_measure_clean,
    effects=_measure_recorded,
    audit="supervision.criminal_measure",
    params=CriminalMeasureParams,
    result=ProceedingResult,
    example={
        "expected_state": "under_supervision",
        "crime_kind": "new",
        "suspected_offence": "涉嫌盗窃罪",
        "investigating_organ_name": "杭州市公安局西湖区分局",
        "measure": "detention",
        "measure_taken_at": "2026-06-10T09:00:00+08:00",
        "cci_notified_at": "2026-06-10T18:30:00+08:00",
    },
)


# T-S02: the effective new judgment with a custodial sentence (P2014 Art 22 ¶2; CCL Art 45).


class JudgmentParams(serializers.Serializer[Any]):
    judgment_court = serializers.CharField(max_length=100, help_text="The court of the judgment.")
    judgment_number = serializers.CharField(max_length=80, help_text="The judgment's number.")
    judgment_effective_on = serializers.DateField(
        validators=[PAST_EVENT], help_text="The day the judgment took effect."
    )
    new_sentence = serializers.CharField(
        max_length=200, help_text="The custodial sentence imposed (e.g. 有期徒刑三年)."
    )
    court_notified_on = serializers.DateField(
        validators=[PAST_EVENT],
        help_text="The day the court's notice reached the CCI (D-17, “promptly”).",
    )
    receiving_institution = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(type__in=CUSTODIAL_TYPES),
        required=False,
        allow_null=True,
        default=None,
        help_text="Only when there is no original or file-holding institution (court path): "
        "the prison or detention centre that takes the person in.",
    )


def _judgment_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(case, _IN_PROCEEDINGS, "P2014 Art 22 ¶2")
    if unmet or not params:
        return unmet
    record = Supervision.objects.get(case=case)
    chosen: Organisation | None = params.get("receiving_institution")
    if record.custodial_institution is None and chosen is None:
        return [
            Requirement(
                "P2014 Art 22 ¶2",
                _("There is no original institution: name the prison or detention centre."),
            )
        ]
    if record.custodial_institution is not None and chosen not in (
        None,
        record.custodial_institution,
    ):
        return [
            Requirement(
                "P2014 Art 22 ¶2",
                _("The original or file-holding institution, %(institution)s, takes the person in.")
                % {"institution": record.custodial_institution},
            )
        ]
    return []


def _judgment_clean(case: Case, params: Params) -> None:
    effective, notified = params["judgment_effective_on"], params["court_notified_on"]
    _not_in_future(effective, "judgment_effective_on")
    _not_in_future(notified, "court_notified_on")
    record = Supervision.objects.get(case=case)
    proceeding = open_proceeding(record)
    if proceeding is not None and effective < timezone.localdate(proceeding.measure_taken_at):
        raise ValidationError(
            {"judgment_effective_on": _("The judgment cannot precede the compulsory measure.")}
        )
    if notified < effective:
        raise ValidationError(
            {
                "court_notified_on": _(
                    "The court notifies after the judgment has taken effect (P2014 Art 22)."
                )
            }
        )
    chosen: Organisation | None = params.get("receiving_institution")
    if (
        chosen is not None
        and record.custodial_institution is None
        and not custodial_organs(case).filter(pk=chosen.pk).exists()
    ):
        raise ValidationError(
            {"receiving_institution": _("Choose a prison or detention centre of this province.")}
        )


def _judgment_recorded(firing: Firing) -> CriminalProceeding:
    case, params, actor = firing.case, firing.params, firing.actor
    record = _record(case)
    proceeding = open_proceeding(record)
    assert proceeding is not None  # S2 is entered only with an episode
    institution = record.custodial_institution or params["receiving_institution"]
    record.reimprison_for_new_sentence()
    record.save()
    proceeding.outcome = ProceedingOutcome.CUSTODIAL
    proceeding.judgment_court = params["judgment_court"]
    proceeding.judgment_number = params["judgment_number"]
    proceeding.judgment_effective_on = params["judgment_effective_on"]
    proceeding.new_sentence = params["new_sentence"]
    proceeding.court_notified_on = params["court_notified_on"]
    proceeding.receiving_institution = institution
    proceeding.outcome_recorded_at = timezone.now()
    proceeding.outcome_recorded_by = actor
    proceeding.save()
    if not CaseParticipant.objects.filter(case=case, organisation=institution).exists():
        CaseParticipant.objects.get_or_create(
            case=case, organisation=institution, capacity=Capacity.RECEIVING_INSTITUTION
        )
    supervision_end(
        record,
        on=proceeding.judgment_effective_on,
        reason="re-imprisoned for a new sentence",
        actor=actor,
    )
    firing.payload.update(
        criminal_proceeding_id=proceeding.pk,
        outcome=proceeding.outcome,
        judgment_number=proceeding.judgment_number,
        judgment_effective_on=str(proceeding.judgment_effective_on),
        court_notified_on=str(proceeding.court_notified_on),
        receiving_institution=institution.pk,
    )
    subject = _(
        "%(case)s: new judgment %(number)s effective, %(sentence)s; community correction ends "
        "(P2014 Art 22 ¶2)"
    ) % {
        "case": case.number,
        "number": proceeding.judgment_number,
        "sentence": proceeding.new_sentence,
    }
    body = _("%(institution)s takes the person in.") % {"institution": institution}
    for organisation, roles in [(institution, CUSTODY_ROLES), *_recipients(record, case)]:
        _notify(
            organisation,
            roles,
            case=case,
            key=f"new-judgment:{proceeding.pk}",
            subject=subject,
            body=body,
            severity="warning",
        )
    return proceeding


NEW_JUDGMENT_RECORD = Act(
    name="new_judgment_record",
    label=gettext_lazy("Record the new custodial judgment"),
    article=ART_JUDGMENT,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_judgment_requires,
    clean=_judgment_clean,
    effects=_judgment_recorded,
    audit="supervision.new_judgment",
    params=JudgmentParams,
    result=ProceedingResult,
    example={
        "expected_state": "under_supervision",
        "judgment_court": "杭州市西湖区人民法院",
        "judgment_number": "（2026）浙0106刑初123号",
        "judgment_effective_on": "2026-09-01",
        "new_sentence": "有期徒刑二年",
        "court_notified_on": "2026-09-03",
    },
)


# T-S02b: acquittal, withdrawal or a non-custodial outcome (CCL Art 32).


class CloseParams(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(
        choices=RESUMING_OUTCOME_CHOICES,
        help_text="Acquittal, a non-custodial judgment, or the case withdrawn.",
    )
    decided_on = serializers.DateField(
        validators=[PAST_EVENT],
        help_text="The day the judgment took effect or the case was withdrawn.",
    )
    judgment_court = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=100, help_text="The court."
    )
    judgment_number = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=80,
        help_text="The judgment's number (required after a judgment).",
    )
    new_sentence = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="A non-custodial penalty imposed, if any.",
    )
    reason = serializers.CharField(max_length=2000, help_text="The outcome in words.")


def _close_requires(case: Case, params: Params) -> list[Requirement]:
    return _state_requires(case, _IN_PROCEEDINGS, ART_CLOSE)


def _close_clean(case: Case, params: Params) -> None:
    _not_in_future(params["decided_on"], "decided_on")
    record = Supervision.objects.get(case=case)
    proceeding = open_proceeding(record)
    if proceeding is not None and params["decided_on"] < timezone.localdate(
        proceeding.measure_taken_at
    ):
        raise ValidationError(
            {"decided_on": _("The outcome cannot precede the compulsory measure.")}
        )
    if params["outcome"] != ProceedingOutcome.WITHDRAWN:
        missing = {
            field: _("Give the court and the number of the judgment.")
            for field in ("judgment_court", "judgment_number")
            if not str(params.get(field) or "").strip()
        }
        if missing:
            raise ValidationError(missing)
    if not str(params.get("reason") or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})


def _closed(firing: Firing) -> CriminalProceeding:
    case, params, actor = firing.case, firing.params, firing.actor
    record = _record(case)
    proceeding = open_proceeding(record)
    assert proceeding is not None
    record.resume_after_proceedings()
    record.save()
    proceeding.outcome = params["outcome"]
    proceeding.judgment_effective_on = params["decided_on"]
    proceeding.judgment_court = str(params.get("judgment_court") or "").strip()
    proceeding.judgment_number = str(params.get("judgment_number") or "").strip()
    proceeding.new_sentence = str(params.get("new_sentence") or "").strip()
    proceeding.outcome_reason = params["reason"]
    proceeding.outcome_recorded_at = timezone.now()
    proceeding.outcome_recorded_by = actor
    proceeding.save()
    firing.payload.update(
        criminal_proceeding_id=proceeding.pk,
        outcome=proceeding.outcome,
        decided_on=str(proceeding.judgment_effective_on),
    )
    subject = _("%(case)s: criminal proceedings closed (%(outcome)s); back under supervision") % {
        "case": case.number,
        "outcome": proceeding.get_outcome_display(),
    }
    for organisation, roles in _recipients(record, case):
        _notify(
            organisation,
            roles,
            case=case,
            key=f"criminal-closed:{proceeding.pk}",
            subject=subject,
            body=proceeding.outcome_reason,
        )
    return proceeding


CRIMINAL_PROCEEDINGS_CLOSE = Act(
    name="criminal_proceedings_close",
    label=gettext_lazy("Close the criminal proceedings: back under supervision"),
    article=ART_CLOSE,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_close_requires,
    clean=_close_clean,
    effects=_closed,
    audit="supervision.criminal_proceedings_close",
    reason_param="reason",
    params=CloseParams,
    result=ProceedingResult,
    example={
        "expected_state": "under_supervision",
        "outcome": "withdrawn",
        "decided_on": "2026-07-15",
        "reason": "公安机关撤销案件，解除取保候审",
    },
)

NEWCRIME_ACTS: dict[str, Act] = {
    act.name: act
    for act in (CRIMINAL_MEASURE_RECORD, NEW_JUDGMENT_RECORD, CRIMINAL_PROCEEDINGS_CLOSE)
}
acts_register(NEWCRIME_ACTS.values())

from . import sections as _sections  # noqa: E402, F401
