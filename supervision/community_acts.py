"""The acts of community correction after the reception (legal-spec §3.4: S1, S7, S8, S9; P2014
Arts 21, 27, 28; CCL Arts 44, 51), declared once and taken by the one runner: the
three-monthly review of a medical re-examination (D-15), the expiry notice (T-S08, D-22), the
expiry of the sentence (T-S09) and death (T-S10, D-23).

The case stays "under community correction" (`Case` has no later state): each act moves the
case's `Supervision` record, and `requires` refuses an act the record's state does not allow,
naming the article. The named functions of `supervision.services` are thin calls of these acts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.choices import case_home
from cases.jurisdiction import CAPACITY_ROLES, Capacity
from cases.models import Case, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import (
    CUSTODY_ROLES,
    OrganisationType,
)
from kernel.deadlines.models import OPEN_STATUSES
from kernel.deadlines.selectors import deadlines_of
from kernel.deadlines.services import deadline_meet, deadline_open, deadline_waive
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement

from .acts import custodial_institution, organisations_of, receiving_officer_of
from .caseload.documents import death_notice_issue, expiry_notice_issue, termination_issue
from .models import (
    MORTAL,
    SUPERVISION_OPEN,
    ConditionChange,
    ConditionReview,
    ReviewFinding,
    Supervision,
    SupervisionState,
)

_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
#: Whoever acts for the deciding or approving organ.
_DECISION_ORGAN_STAFF = CAPACITY_ROLES[Capacity.DECISION_ORGAN]
_PROCURATORS = CAPACITY_ROLES[Capacity.PROCURATORATE]


def supervision_open(
    *, case: Case, organisation: Organisation, at: dt.datetime, actor: User
) -> Supervision:
    """The record opened by the reception (T-B14/T-A06; CCL Art 22): who executes, who decided,
    who holds the file (P2014 Art 20), the grounds and the sentence's expiry; with it the
    expiry notice's clock D-22 (P2014 Art 27 ¶1)."""
    record = Supervision.objects.create(
        case=case,
        executing_cci=organisation,
        deciding_organ=case.participant(Capacity.DECISION_ORGAN),
        custodial_institution=custodial_institution(case),
        ground_medical=case.ground_medical,
        ground_pregnancy=case.ground_pregnancy,
        ground_self_care=case.ground_self_care,
        expiry_date=case.sentence.expiry_date,
        opened_at=at,
    )
    if record.ground_medical:
        # D-15b: the person's re-examination every three months (P2014 Art 21).
        from .medical.services import reexamination_clock_open

        reexamination_clock_open(case=case, organisation=organisation, at=at, actor=actor)
    if record.expiry_date is not None:
        window = record.expiry_date - relativedelta(months=1)
        deadline_open(
            code="D-22",
            subject=case,
            trigger_at=dt.datetime.combine(
                window, dt.time(0), tzinfo=timezone.get_current_timezone()
            ),
            responsible_organisation=organisation,
            actor=actor,
        )
    return record


def _clocks_close(case: Case, *, reason: str, actor: User) -> None:
    """Community correction has ended: the clocks of its obligations no longer run (reviews and
    re-examinations, nursing, expiry, electronic monitoring D-24, a new guarantor D-30; the
    field verifications D-34s/o/l of supervision.correction)."""
    kinds = ("D-15", "D-15b", "D-15c", "E-12", "D-22", "D-24", "D-30", "D-34s", "D-34o", "D-34l")
    for deadline in deadlines_of(case, kinds=kinds).filter(status__in=OPEN_STATUSES):
        deadline_waive(deadline=deadline, reason=reason, actor=actor)


def supervision_end(record: Supervision, *, on: dt.date, reason: str, actor: User) -> None:
    """Community correction has ended (CCL Art 45: re-imprisonment, expiry, death): the day is
    kept and the clocks of its obligations stop, with the reason on the record. The caller
    has moved the record's state."""
    record.ended_on = on
    record.save()
    _clocks_close(record.case, reason=reason, actor=actor)


def _record(case: Case) -> Supervision | None:
    return Supervision.objects.filter(case=case).first()


def _state_requires(case: Case, states: frozenset[str], article: str) -> list[Requirement]:
    record = _record(case)
    if record is None:
        return [
            Requirement(
                "CCL Art 22", _("The reception into community correction is not registered.")
            )
        ]
    if record.state not in states:
        return [
            Requirement(
                article,
                _("Not while the supervision is “%(state)s”.")
                % {"state": record.get_state_display()},
            )
        ]
    return []


def _not_in_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date is in the future.")})


def _notify(
    organisation: Organisation | None,
    roles: Iterable[str],
    *,
    case: Case,
    key: str,
    subject: str,
    body: str = "",
    severity: str = "info",
) -> None:
    if organisation is None:
        return
    notice_send_to_role(
        organisation_id=organisation.pk,
        roles=roles,
        key=f"{key}:{case.pk}:{organisation.pk}",
        subject=subject,
        body=body,
        link=case.get_absolute_url(),
        severity=severity,
    )


# P2014 Art 21, D-15: the three-monthly review of the medical re-examination (DOC-25).


def review_provinces(case: Case) -> set[str]:
    """The provinces whose lists count for a re-examination: the province that handled the
    case and that of the residence (P2014 Art 9)."""
    return {
        o.region_code[:2]
        for o in (case_home(case), *organisations_of(case, Capacity.EXECUTING_CCI))
        if o is not None and o.region_code
    }


def review_hospitals(case: Case, on: dt.date | None = None) -> Any:
    """The hospitals the review form offers: those on the registry of the relevant provinces
    (`supervision.medical.registry`) able to re-examine on `on` (today)."""
    from .medical.models import HospitalCapability
    from .medical.registry import listings_in_force

    listed = listings_in_force(
        on=on or timezone.localdate(),
        provinces=review_provinces(case),
        capability=HospitalCapability.REEXAMINATION,
    ).values("hospital_id")
    return Organisation.objects.filter(pk__in=listed).order_by("region_code", "name")


def _review_hospital_allowed(case: Case, hospital: Organisation) -> bool:
    """A hospital of the relevant provinces (by its seat or a listing there): one not on the
    list on the day is flagged on the review, not refused."""
    from .medical.models import HospitalListing

    provinces = review_provinces(case)
    return hospital.region_code[:2] in provinces or (
        HospitalListing.objects.filter(hospital=hospital, province__in=provinces).exists()
    )


class ConditionReviewParams(serializers.Serializer[Any]):
    reexamined_on = serializers.DateField(help_text="The date of the re-examination.")
    hospital = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(type=OrganisationType.DESIGNATED_HOSPITAL),
        help_text="The designated hospital that re-examined the person (P2014 Art 9).",
    )
    doctors = serializers.CharField(max_length=200, help_text="The doctors and their titles.")
    findings = serializers.CharField(help_text="What the re-examination found.")
    finding = serializers.ChoiceField(
        choices=ReviewFinding.choices,
        help_text="The officer's finding: the circumstances persist, have disappeared, uncertain.",
    )
    condition_change = serializers.ChoiceField(
        choices=ConditionChange.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="The condition since the last examination: worsened, unchanged or improved "
        "(blank: not stated; the web form asks for it).",
    )
    panel_reviewed = serializers.BooleanField(
        default=False,
        help_text="An expert panel reviewed the condition.",
    )


class ConditionReviewResult(serializers.ModelSerializer[ConditionReview]):
    class Meta:
        model = ConditionReview
        fields = [
            "id",
            "reexamined_on",
            "hospital",
            "hospital_designated",
            "doctors",
            "findings",
            "finding",
            "condition_change",
            "panel_reviewed",
            "feedback_to",
        ]


def _review_requires(case: Case, params: Params) -> list[Requirement]:
    if not case.ground_medical:
        return [
            Requirement(
                "P2014 Art 21",
                _("Only medical parole has the three-monthly review of the re-examination."),
            )
        ]
    return _state_requires(case, SUPERVISION_OPEN, "P2014 Art 21")


def _review_clean(case: Case, params: Params) -> None:
    _not_in_future(params["reexamined_on"], "reexamined_on")
    if not _review_hospital_allowed(case, params["hospital"]):
        raise ValidationError(
            {"hospital": _("Choose a designated hospital of the province (P2014 Art 9).")}
        )


def _reviewed(firing: Firing) -> ConditionReview:
    case, params, cci = firing.case, firing.params, firing.organisation
    record = Supervision.objects.get(case=case)
    hospital: Organisation = params["hospital"]
    finding = params["finding"]
    from .medical.models import HospitalCapability
    from .medical.registry import hospital_listed_on
    from .medical.services import (
        reexamination_recorded,
        review_ground_raise,
        review_record_issue,
    )

    feedback_to = (
        (record.deciding_organ or record.custodial_institution)
        if (finding != ReviewFinding.PERSIST)
        else None
    )
    review = ConditionReview.objects.create(
        supervision=record,
        reexamined_on=params["reexamined_on"],
        hospital=hospital,
        hospital_designated=hospital_listed_on(
            hospital,
            params["reexamined_on"],
            capability=HospitalCapability.REEXAMINATION,
            provinces=review_provinces(case),
        ),
        doctors=params["doctors"],
        findings=params["findings"],
        finding=finding,
        condition_change=params.get("condition_change", ""),
        panel_reviewed=params.get("panel_reviewed", False),
        feedback_to=feedback_to,
        recorded_by=firing.actor,
    )
    firing.payload.update(
        condition_review_id=review.pk,
        finding=finding,
        hospital_designated=review.hospital_designated,
    )
    now = timezone.now()
    deadline_meet(
        subject=case, code="D-15", event="condition review recorded", actor=firing.actor, at=now
    )
    deadline_open(
        code="D-15", subject=case, trigger_at=now, responsible_organisation=cci, actor=firing.actor
    )
    # D-15b: the re-examination is done; the next is due three months from it.
    reexamination_recorded(case=case, review=review, organisation=cci, actor=firing.actor)
    document = review_record_issue(review=review, organisation=cci, actor=firing.actor).document
    firing.payload.update(review_record=document.pk, sha256=document.sha256)
    if finding == ReviewFinding.DISAPPEARED:
        review_ground_raise(review=review, actor=firing.actor)
    if feedback_to is not None:
        body = _("Finding of the review of %(date)s: %(finding)s.") % {
            "date": review.reexamined_on,
            "finding": review.get_finding_display(),
        }
        if finding == ReviewFinding.DISAPPEARED:
            body += " " + _(
                "The circumstances of medical parole have disappeared: this is a ground for "
                "revoking it (CPL Art 268)."
            )
        roles = _DECISION_ORGAN_STAFF if feedback_to == record.deciding_organ else CUSTODY_ROLES
        _notify(
            feedback_to,
            roles,
            case=case,
            key=f"condition-review:{review.pk}",
            subject=_("%(case)s: feedback on the re-examination (P2014 Art 21)")
            % {"case": case.number},
            body=body,
            severity="warning",
        )
    return review


CONDITION_REVIEW = Act(
    name="condition_review",
    label=gettext_lazy("Record the three-monthly review"),
    article="P2014 Art 21",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_review_requires,
    clean=_review_clean,
    effects=_reviewed,
    audit="supervision.condition_review",
    params=ConditionReviewParams,
    result=ConditionReviewResult,
    example={
        "expected_state": "under_supervision",
        "reexamined_on": "2026-07-08",
        "hospital": 12,
        "doctors": "张医生（主任医师）、李医生（副主任医师）",
        "findings": "肝硬化失代偿期，腹水，仍需住院治疗",
        "finding": "persist",
        "condition_change": "unchanged",
        "panel_reviewed": False,
    },
)


# T-S08, P2014 Art 27 ¶1, D-22: the written notice one month before expiry (DOC-32).


class ExpiryNoticeParams(serializers.Serializer[Any]):
    notified_on = serializers.DateField(
        help_text="The written notice was sent to the original or file-holding institution on."
    )


def _window_opens(record: Supervision) -> dt.date | None:
    if record.expiry_date is None:
        return None
    return record.expiry_date - relativedelta(months=1)


def _expiry_notice_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(
        case, frozenset({SupervisionState.UNDER_SUPERVISION}), "P2014 Art 27 ¶1"
    )
    if unmet:
        return unmet
    record = Supervision.objects.get(case=case)
    opens = _window_opens(record)
    if opens is None:
        return [Requirement("P2014 Art 27 ¶1", _("The sentence's expiry date is not known."))]
    on = params.get("notified_on") or timezone.localdate()
    if on < opens:
        return [
            Requirement(
                "P2014 Art 27 ¶1",
                _("The expiry notice is sent in the month before expiry, from %(date)s.")
                % {"date": opens},
            )
        ]
    return []


def _expiry_notice_clean(case: Case, params: Params) -> None:
    _not_in_future(params["notified_on"], "notified_on")


def _expiry_notified(firing: Firing) -> Supervision:
    case, on = firing.case, firing.params["notified_on"]
    record = Supervision.objects.select_for_update().get(case=case)
    record.notify_expiry()
    record.expiry_notified_on = on
    record.save()
    firing.payload.update(supervision_id=record.pk, notified_on=str(on))
    expiry_notice_issue(firing, record)  # DOC-32
    deadline_meet(
        subject=case,
        code="D-22",
        event="expiry notice sent",
        actor=firing.actor,
        at=dt.datetime.combine(on, dt.time(12), tzinfo=timezone.get_current_timezone()),
    )
    _notify(
        record.custodial_institution,
        CUSTODY_ROLES,
        case=case,
        key="expiry-notice",
        subject=_("%(case)s: the sentence expires on %(date)s (P2014 Art 27)")
        % {"case": case.number, "date": record.expiry_date},
        body=_("Complete the release formalities on schedule."),
    )
    return record


class SupervisionResult(serializers.ModelSerializer[Supervision]):
    class Meta:
        model = Supervision
        fields = [
            "id",
            "state",
            "expiry_date",
            "expiry_notified_on",
            "ended_on",
            "termination_certificate",
            "death_discovered_on",
            "death_cause",
            "death_reported_by",
        ]


EXPIRY_NOTICE_RECORD = Act(
    name="expiry_notice_record",
    label=gettext_lazy("Record the expiry notice"),
    article="P2014 Art 27 ¶1",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_expiry_notice_requires,
    clean=_expiry_notice_clean,
    effects=_expiry_notified,
    audit="supervision.expiry_notice",
    params=ExpiryNoticeParams,
    result=SupervisionResult,
    example={"expected_state": "under_supervision", "notified_on": "2027-02-10"},
)


# T-S09: the sentence has expired (P2014 Art 27; Prison Law Art 28; CCL Art 44).


class SentenceExpiredParams(serializers.Serializer[Any]):
    expired_on = serializers.DateField(help_text="The day the sentence expired.")
    certificate_number = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=60,
        help_text="Court path: the number of the certificate of termination (CCL Art 44).",
    )


def _expired_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(case, frozenset({SupervisionState.EXPIRY_NOTIFIED}), "P2014 Art 27 ¶1")
    if unmet:
        return unmet
    record = Supervision.objects.get(case=case)
    on = params.get("expired_on") or timezone.localdate()
    if record.expiry_date is None or on < record.expiry_date:
        return [
            Requirement(
                "Prison Law Art 28; CCL Art 44",
                _("The sentence expires on %(date)s.") % {"date": record.expiry_date},
            )
        ]
    if params and case.on_court_path and not str(params.get("certificate_number", "")).strip():
        return [Requirement("CCL Art 44", _("Give the number of the certificate of termination."))]
    return []


def _expired_clean(case: Case, params: Params) -> None:
    _not_in_future(params["expired_on"], "expired_on")


def _expired(firing: Firing) -> Supervision:
    case, params = firing.case, firing.params
    record = Supervision.objects.select_for_update().get(case=case)
    record.expire()
    record.ended_on = params["expired_on"]
    record.termination_certificate = str(params.get("certificate_number", "")).strip()
    record.save()
    firing.payload.update(supervision_id=record.pk, expired_on=str(record.ended_on))
    termination_issue(firing, record)  # DOC-33, and the notice to the institution (E-23)
    _clocks_close(case, reason="sentence expired", actor=firing.actor)
    if case.on_court_path:
        subject = _(
            "%(case)s: community correction terminated, certificate %(number)s (CCL Art 44)"
        )
        recipients = [
            (record.deciding_organ, _DECISION_ORGAN_STAFF),
            *((p, _PROCURATORS) for p in organisations_of(case, Capacity.PROCURATORATE)),
        ]
    else:
        subject = _(
            "%(case)s: the sentence has expired; issue the release certificate (P2014 Art 27)"
        )
        recipients = [(record.custodial_institution, CUSTODY_ROLES)]
    for organisation, roles in recipients:
        _notify(
            organisation,
            roles,
            case=case,
            key="sentence-expired",
            subject=subject % {"case": case.number, "number": record.termination_certificate},
        )
    return record


SENTENCE_EXPIRED_RECORD = Act(
    name="sentence_expired_record",
    label=gettext_lazy("Record the expiry of the sentence"),
    article="P2014 Art 27; Prison Law Art 28; CCL Art 44",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_expired_requires,
    clean=_expired_clean,
    effects=_expired,
    audit="supervision.sentence_expired",
    params=SentenceExpiredParams,
    result=SupervisionResult,
    example={
        "expected_state": "under_supervision",
        "expired_on": "2027-03-10",
        "certificate_number": "西司矫终〔2027〕003号",
    },
)


# T-S10: death (P2014 Art 28; CCL Art 51; D-23).


class DeathParams(serializers.Serializer[Any]):
    discovered_on = serializers.DateField(help_text="The death was discovered on.")
    cause = serializers.CharField(max_length=200, help_text="The cause of death.")
    reported_by = serializers.CharField(
        max_length=80, help_text="Who reported it (guarantor, relative, hospital…)."
    )


def _death_requires(case: Case, params: Params) -> list[Requirement]:
    return _state_requires(case, MORTAL, "P2014 Art 28")


def _death_clean(case: Case, params: Params) -> None:
    _not_in_future(params["discovered_on"], "discovered_on")


def _died(firing: Firing) -> Supervision:
    case, params, cci = firing.case, firing.params, firing.organisation
    record = Supervision.objects.select_for_update().get(case=case)
    record.die()
    record.death_discovered_on = params["discovered_on"]
    record.death_cause = params["cause"]
    record.death_reported_by = params["reported_by"]
    record.ended_on = params["discovered_on"]
    record.save()
    firing.payload.update(supervision_id=record.pk, discovered_on=str(record.death_discovered_on))
    death_notice_issue(firing, record)  # DOC-35
    _clocks_close(case, reason="death", actor=firing.actor)
    tz = timezone.get_current_timezone()
    deadline_open(
        code="D-23",
        subject=case,
        trigger_at=dt.datetime.combine(record.death_discovered_on, dt.time(0), tzinfo=tz),
        responsible_organisation=cci,
        actor=firing.actor,
    )
    # The notices below are the written notice the clock asks for: met now (late if so).
    deadline_meet(subject=case, code="D-23", event="notice of death sent", actor=firing.actor)
    subject = _("%(case)s: the person died (discovered %(date)s; P2014 Art 28)") % {
        "case": case.number,
        "date": record.death_discovered_on,
    }
    body = _("Cause: %(cause)s. Reported by %(reporter)s. Community correction ends.") % {
        "cause": record.death_cause,
        "reporter": record.death_reported_by,
    }
    recipients = [
        (record.deciding_organ, _DECISION_ORGAN_STAFF),
        (record.custodial_institution, CUSTODY_ROLES),
        *((p, _PROCURATORS) for p in organisations_of(case, Capacity.PROCURATORATE)),
    ]
    for organisation, roles in recipients:
        _notify(organisation, roles, case=case, key="death", subject=subject, body=body)
    return record


DEATH_RECORD = Act(
    name="death_record",
    label=gettext_lazy("Record the death"),
    article="P2014 Art 28; CCL Art 51",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_death_requires,
    clean=_death_clean,
    effects=_died,
    audit="supervision.death",
    params=DeathParams,
    result=SupervisionResult,
    example={
        "expected_state": "under_supervision",
        "discovered_on": "2026-11-03",
        "cause": "肝癌晚期多器官衰竭",
        "reported_by": "保证人 张某某（配偶）",
    },
)

#: The acts of community correction, in the order they are usually taken.
COMMUNITY_ACTS: dict[str, Act] = {
    act.name: act
    for act in (CONDITION_REVIEW, EXPIRY_NOTICE_RECORD, SENTENCE_EXPIRED_RECORD, DEATH_RECORD)
}
acts_register(COMMUNITY_ACTS.values())
