"""The legal-supervision signals (法律监督模型) of the anomaly dashboard (issue 13).

Each signal is one question a procuratorate asks of the cases in its jurisdiction, with the
article it protects and the stage of the case it belongs to. Its `flag(cases, today)` narrows a
queryset of cases to the cases behind the signal in SQL (Exists / Subquery / annotations): no
row is read into Python to decide, so the dashboard runs the same queries at any size.

Thresholds are settings with defaults (`ANOMALY_*`, read by `threshold`), stated in the
explanation the dashboard shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from approvals.models import ApprovalDecision, DecisionKind, FilingForReview
from cases.models import Case, MedicalCertificate
from cases.models.case import CasePath
from cases.models.eligibility import IllnessCatalogueItem
from cases.models.person import Commutation, SentenceType
from cases.models.workflow import SENIOR_TITLES
from cases.sentence import CommutationKind
from kernel.accounts.roles import OrganisationType
from kernel.deadlines.models import OPEN_STATUSES, Deadline
from procuracy.imports.models import ExternalRecord, ExternalRecordKind
from procuracy.rectification.models import RectificationMatter, RectificationOpinion
from supervision.discipline.models import DisciplineMeasure, MeasureKind, MonitoringPeriod
from supervision.guarantee.models import GuarantorReport, GuarantorTerm, ReportKind, TermState
from supervision.medical.models import PostponementState, ReexaminationPostponement
from supervision.models import (
    MORTAL,
    REVOCABLE,
    ConditionChange,
    ConditionReview,
    Reception,
    ReleasePreparation,
    ReviewFinding,
)
from supervision.revocation.models import RevocationProposal

INTAKE, HAND_OVER, SUPERVISION, CLOSURE = "intake", "hand_over", "supervision", "closure"

#: The stages of the dashboard, in order, with their titles.
STAGES: tuple[tuple[str, Promise], ...] = (
    (INTAKE, _("Intake: proposal and decision")),
    (HAND_OVER, _("Hand-over to community correction, and people missed")),
    (SUPERVISION, _("Under community correction")),
    (CLOSURE, _("Closure")),
)

#: Defaults of the thresholds; a deployment overrides them in settings.
DEFAULTS: dict[str, float] = {
    # CCL Art 21: the person is handed to the CCI within 10 days of the decision's receipt.
    "ANOMALY_HAND_OVER_LIMIT_DAYS": 10,
    # One hospital, or one doctor, behind at least this share of the certificates …
    "ANOMALY_UNUSUAL_SHARE": 0.5,
    # … counted only where the jurisdiction holds at least this many certificates.
    "ANOMALY_UNUSUAL_SHARE_MIN_CERTIFICATES": 5,
    # A supervision without any re-examination recorded for this many days, or whose
    # re-examinations of this many days found the condition unchanged with no panel review.
    "ANOMALY_UNCHANGED_DAYS": 365,
}


def threshold(name: str) -> float:
    """The threshold `name` as configured (settings) or its default."""
    return float(getattr(settings, name, DEFAULTS[name]))


Flag = Callable[[QuerySet[Case], dt.date], QuerySet[Case]]


#: A signal's account of each flagged case, for the drill-down page: {case pk: text}, one query
#: for the page's cases.
Detail = Callable[[QuerySet[Case], dt.date], dict[int, str]]


@dataclass(frozen=True)
class Signal:
    code: str
    title: Promise
    explanation: Promise
    article: str
    stage: str
    flag: Flag
    detail: Detail | None = None

    def explained(self) -> str:
        """The explanation with its thresholds filled in."""
        return str(self.explanation) % {
            "limit": int(threshold("ANOMALY_HAND_OVER_LIMIT_DAYS")),
            "share": round(threshold("ANOMALY_UNUSUAL_SHARE") * 100),
            "minimum": int(threshold("ANOMALY_UNUSUAL_SHARE_MIN_CERTIFICATES")),
            "unchanged": int(threshold("ANOMALY_UNCHANGED_DAYS")),
        }


SIGNALS: dict[str, Signal] = {}


def signal(
    code: str, title: Promise, explanation: Promise, article: str, stage: str
) -> Callable[[Flag], Flag]:
    def register(flag: Flag) -> Flag:
        assert code not in SIGNALS, code
        SIGNALS[code] = Signal(code, title, explanation, article, stage, flag)
        return flag

    return register


def detail_of(code: str) -> Callable[[Detail], Detail]:
    """Give the signal `code` a drill-down account of each case."""

    def register(detail: Detail) -> Detail:
        SIGNALS[code] = replace(SIGNALS[code], detail=detail)
        return detail

    return register


def signals_of(stage: str) -> list[Signal]:
    return [s for s in SIGNALS.values() if s.stage == stage]


# Building blocks ------------------------------------------------------------------------------


def _certificates() -> QuerySet[MedicalCertificate]:
    """Certificates in force (a corrected or withdrawn one stays for the history only)."""
    return MedicalCertificate.objects.in_force()  # type: ignore[attr-defined,no-any-return]


def _approved_teop() -> QuerySet[ApprovalDecision]:
    return ApprovalDecision.objects.filter(kind=DecisionKind.TEOP, approved=True)


def _listed(states: frozenset[str] = REVOCABLE) -> Q:
    """The person is still listed under community correction in one of `states`."""
    return Q(supervision__state__in=list(states))


def _no_proposal_since(day: F | OuterRef) -> Exists:
    return Exists(
        RevocationProposal.objects.filter(
            supervision__case=OuterRef(OuterRef("pk")), proposed_at__date__gte=day
        )
    )


def _case_deadlines() -> QuerySet[Deadline]:
    from kernel.deadlines.selectors import deadlines_of

    return deadlines_of(Case)


# Intake ---------------------------------------------------------------------------------------


@signal(
    "illness_outside_catalogue",
    _("Illness outside the catalogue"),
    _(
        "Medical parole on a diagnosis that names no item of the 2014 Scope of Serious Illnesses "
        "in use (no item, a repealed 1990 item or one withdrawn)."
    ),
    "P2014 Art 5 and attachment",
    INTAKE,
)
def _illness_outside_catalogue(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    current = IllnessCatalogueItem.objects.filter(
        version=IllnessCatalogueItem.Version.V2014, is_active=True
    )
    return cases.filter(ground_medical=True).filter(
        Exists(
            _certificates()
            .filter(case=OuterRef("pk"), kind=MedicalCertificate.Kind.DIAGNOSIS)
            .exclude(catalogue_item__in=current)
        )
    )


class _AddMonths(Func):
    """date + n months, as a date (PostgreSQL make_interval)."""

    arity = 2
    arg_joiner = " + make_interval(months => "
    template = "(%(expressions)s))::date"
    output_field = DateField()


class _DaysBetween(Func):
    """later - earlier in days (PostgreSQL date subtraction gives an integer)."""

    arity = 2
    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()


@signal(
    "time_served_short",
    _("Less than the time served required"),
    _(
        "A fixed-term sentence of ten years or more, decided before one third of the original "
        "term was served (pre-trial custody credited), with no certificate finding a danger to "
        "life in the short term."
    ),
    "P2014 Art 7 ¶1",
    INTAKE,
)
def _time_served_short(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    decided = _approved_teop().filter(case=OuterRef("pk"))
    months = F("sentence__original_years") * 12 + F("sentence__original_months")
    start = F("sentence__execution_start")
    term_days = _DaysBetween(_AddMonths(start, months), start)
    decided_on = Cast(Subquery(decided.values("decided_at")[:1]), DateField())
    served_days = ExpressionWrapper(
        _DaysBetween(decided_on, start) + F("sentence__custody_days"), output_field=IntegerField()
    )
    return (
        cases.filter(
            Q(ground_medical=True) | Q(ground_self_care=True),
            sentence__original_type=SentenceType.FIXED_TERM,
            sentence__original_years__gte=10,
        )
        .filter(Exists(decided))
        .exclude(Exists(_certificates().filter(case=OuterRef("pk"), short_term_life_danger=True)))
        .alias(term_days=term_days, served_days=served_days)
        .filter(served_days__lt=ExpressionWrapper(F("term_days") / 3.0, FloatField()))
    )


#: P2014 Art 7 ¶1: seven years of the fixed term served after the commutation (EL-30).
COMMUTED_YEARS_REQUIRED = 7


@signal(
    "time_served_short_after_commutation",
    _("Less than seven years served since the commutation"),
    _(
        "A sentence of death with reprieve or life imprisonment commuted to a fixed term, decided "
        "before seven years were served from the commutation to a fixed term, with no "
        "certificate finding a danger to life in the short term."
    ),
    "P2014 Art 7 ¶1",
    INTAKE,
)
def _time_served_short_after_commutation(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    decided = _approved_teop().filter(case=OuterRef("pk"))
    commuted = Commutation.objects.filter(
        sentence=OuterRef("sentence"), kind=CommutationKind.TO_FIXED_TERM.value
    ).order_by("ruling_date", "pk")
    decided_on = Cast(Subquery(decided.values("decided_at")[:1]), DateField())
    commuted_on = Subquery(commuted.values("ruling_date")[:1])
    return (
        cases.filter(
            Q(ground_medical=True) | Q(ground_self_care=True),
            sentence__original_type__in=[SentenceType.LIFE, SentenceType.DEATH_REPRIEVE],
        )
        .filter(Exists(decided))
        .exclude(Exists(_certificates().filter(case=OuterRef("pk"), short_term_life_danger=True)))
        .alias(decided_on=decided_on, commuted_on=commuted_on)
        .filter(
            commuted_on__isnull=False,
            decided_on__lt=_AddMonths(F("commuted_on"), Value(COMMUTED_YEARS_REQUIRED * 12)),
        )
    )


@signal(
    "certificate_not_designated",
    _("Certificate of a hospital not designated"),
    _(
        "A diagnosis or pregnancy certificate by a hospital the provincial government had not "
        "designated on the day it was issued."
    ),
    "P2014 Art 9 ¶1",
    INTAKE,
)
def _certificate_not_designated(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    designated = Q(
        hospital__type=OrganisationType.DESIGNATED_HOSPITAL,
        hospital__designated_from__isnull=False,
        hospital__designated_from__lte=F("issued_on"),
    ) & (
        Q(hospital__designated_until__isnull=True)
        | Q(hospital__designated_until__gte=F("issued_on"))
    )
    return cases.filter(Exists(_certificates().filter(case=OuterRef("pk")).exclude(designated)))


@signal(
    "certificate_junior_doctors",
    _("Certificate signed below deputy-senior title"),
    _("A certificate signed by a doctor below the deputy-senior professional title."),
    "P2014 Art 9 ¶1",
    INTAKE,
)
def _certificate_junior_doctors(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    senior = [str(t) for t in SENIOR_TITLES]
    return cases.filter(
        Exists(
            _certificates()
            .filter(case=OuterRef("pk"))
            .filter(~Q(doctor_1_title__in=senior) | ~Q(doctor_2_title__in=senior))
        )
    )


def _share_flag(
    cases: QuerySet[Case],
    same: Callable[[QuerySet[MedicalCertificate]], QuerySet[MedicalCertificate]],
) -> QuerySet[Case]:
    """Cases with a certificate whose author (`same(certificates)` narrows them to those of
    the same hospital or doctor as `OuterRef`'s) stands behind an unusual share of the
    jurisdiction's certificates."""
    scoped = _certificates().filter(case__in=cases.values("pk"))
    total = Subquery(
        scoped.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("pk")).values("n")
    )
    alike = Subquery(
        same(scoped)
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(n=Count("pk"))
        .values("n")
    )
    minimum = int(threshold("ANOMALY_UNUSUAL_SHARE_MIN_CERTIFICATES"))
    share = threshold("ANOMALY_UNUSUAL_SHARE")
    behind = (
        _certificates()
        .filter(case=OuterRef("pk"))
        .alias(total=Coalesce(total, 0), alike=Coalesce(alike, 0))
        .filter(total__gte=minimum)
        .filter(alike__gte=ExpressionWrapper(F("total") * share, FloatField()))
    )
    return cases.filter(Exists(behind))


@signal(
    "hospital_unusual_share",
    _("One hospital behind an unusual share of certificates"),
    _(
        "One hospital issued %(share)s%% or more of the certificates of the jurisdiction's cases "
        "(counted from %(minimum)s certificates)."
    ),
    "P2014 Art 9 ¶1",
    INTAKE,
)
def _hospital_unusual_share(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return _share_flag(
        cases, lambda certificates: certificates.filter(hospital=OuterRef("hospital"))
    )


@signal(
    "doctor_unusual_share",
    _("One doctor behind an unusual share of certificates"),
    _(
        "One doctor signed %(share)s%% or more of the certificates of the jurisdiction's cases "
        "(counted from %(minimum)s certificates); a doctor is known by the practising "
        "certificate number where it is recorded, else by the name within the hospital."
    ),
    "P2014 Art 9 ¶1",
    INTAKE,
)
def _doctor_unusual_share(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    # A doctor is the one named first on the certificate of the case (the one it checks):
    # known by the practising certificate number when it is recorded (two doctors of one
    # name stay apart, two spellings of one doctor join), else by the name within the hospital.
    return _share_flag(cases, _same_first_doctor)


def _same_first_doctor(
    certificates: QuerySet[MedicalCertificate],
) -> QuerySet[MedicalCertificate]:
    licence = OuterRef("doctor_1_licence")
    by_licence = Q(doctor_1_licence=licence) | Q(doctor_2_licence=licence)
    by_name = Q(hospital=OuterRef("hospital")) & (
        Q(doctor_1=OuterRef("doctor_1")) | Q(doctor_2=OuterRef("doctor_1"))
    )
    return certificates.alias(
        outer_licence=ExpressionWrapper(licence, output_field=CharField())
    ).filter((~Q(outer_licence="") & by_licence) | (Q(outer_licence="") & by_name))


@signal(
    "strict_review_approved",
    _("Strict-review category approved"),
    _(
        "Medical parole approved for a person in a strict-review category (duty crime, "
        "financial crime or fraud, organised crime of an underworld nature): to be read again."
    ),
    "P2014 Art 6 ¶2",
    INTAKE,
)
def _strict_review_approved(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(strict_review=True).filter(
        Exists(_approved_teop().filter(case=OuterRef("pk")))
    )


@signal(
    "filing_missing",
    _("Duty crime approved without filing for review"),
    _("A duty-crime case approved with no filing for review recorded."),
    "P2014 Art 2 ¶2",
    INTAKE,
)
def _filing_missing(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return (
        cases.filter(filing_required=True)
        .filter(Exists(_approved_teop().filter(case=OuterRef("pk"))))
        .exclude(Exists(FilingForReview.objects.filter(case=OuterRef("pk"))))
    )


@signal(
    "decided_after_last_day",
    _("Decided on or after the sentence's last day"),
    _("Temporary execution outside prison decided on or after the day the sentence expires."),
    "CPL Art 265 ¶1",
    INTAKE,
)
def _decided_after_last_day(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(
        Exists(
            _approved_teop()
            .filter(case=OuterRef("pk"))
            .alias(day=TruncDate("decided_at"))
            .filter(day__gte=OuterRef("sentence__expiry_date"))
        )
    )


# Hand-over ------------------------------------------------------------------------------------


@signal(
    "hand_over_late",
    _("Not received into community correction in time"),
    _(
        "More than %(limit)s days between the release (or, before it, the decision) and the "
        "CCI's registration, or no registration after %(limit)s days, and no one called to "
        "account: no rectification opinion on the late hand-over was raised."
    ),
    "CCL Art 21",
    HAND_OVER,
)
def _hand_over_late(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    limit = dt.timedelta(days=int(threshold("ANOMALY_HAND_OVER_LIMIT_DAYS")))
    return (
        _hand_over_dates(cases)
        .filter(
            Q(hand_over_registered__isnull=True, hand_over_start__lt=today - limit)
            | Q(
                hand_over_registered__gt=ExpressionWrapper(
                    F("hand_over_start") + limit, output_field=DateField()
                )
            )
        )
        .exclude(
            Exists(
                RectificationOpinion.objects.filter(
                    case=OuterRef("pk"), matter=RectificationMatter.HAND_OVER
                )
            )
        )
    )


def _hand_over_dates(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The approved cases (not of the court path) with the day the hand-over runs from (the
    release or, before it, the decision) and the CCI's registration."""
    released = Subquery(
        ReleasePreparation.objects.filter(case=OuterRef("pk"))
        .annotate(day=TruncDate("released_at"))
        .values("day")[:1]
    )
    decided = Subquery(
        _approved_teop()
        .filter(case=OuterRef("pk"))
        .annotate(day=TruncDate("decided_at"))
        .values("day")[:1]
    )
    received = Subquery(
        Reception.objects.filter(case=OuterRef("pk"))
        .annotate(day=TruncDate("received_at"))
        .values("day")[:1]
    )
    return (
        # The court path hands over from bail or custody, not from a release.
        cases.exclude(path=CasePath.COURT)
        .filter(Exists(_approved_teop().filter(case=OuterRef("pk"))))
        .annotate(hand_over_start=Coalesce(released, decided), hand_over_registered=received)
    )


@detail_of("hand_over_late")
def _hand_over_late_detail(cases: QuerySet[Case], today: dt.date) -> dict[int, str]:
    """Which hand-over was late, by how much, and that no one was called to account."""
    details: dict[int, str] = {}
    rows = _hand_over_dates(cases).values_list("pk", "hand_over_start", "hand_over_registered")
    for pk, start, registered in rows:
        if start is None:
            continue
        if registered is None:
            text = gettext(
                "Runs from %(start)s; not registered after %(days)s days; no rectification "
                "opinion on it."
            ) % {"start": start.isoformat(), "days": (today - start).days}
        else:
            text = gettext(
                "Runs from %(start)s; registered on %(registered)s, %(days)s days later; no "
                "rectification opinion on it."
            ) % {
                "start": start.isoformat(),
                "registered": registered.isoformat(),
                "days": (registered - start).days,
            }
        details[pk] = text
    return details


# Supervision ----------------------------------------------------------------------------------


@signal(
    "reexamination_overdue",
    _("Re-examination overdue"),
    _("The three-monthly re-examination at a designated hospital (or its postponed date) passed."),
    "P2014 Art 21",
    SUPERVISION,
)
def _reexamination_overdue(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(_listed(MORTAL)).filter(
        Exists(
            _case_deadlines()
            .filter(
                subject_id=OuterRef("pk"),
                kind__in=["D-15b", "D-15c"],
                status__in=OPEN_STATUSES,
            )
            # A clock reaching a year whose calendar is not loaded counts by its estimate.
            .alias(due=Coalesce("due_date", "estimated_due_date"))
            .filter(due__lt=today)
        )
    )


@signal(
    "reexamination_not_designated",
    _("Re-examination outside a designated hospital"),
    _("A re-examination during medical parole made by a hospital not designated."),
    "P2014 Art 21",
    SUPERVISION,
)
def _reexamination_not_designated(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(
        Exists(
            ConditionReview.objects.filter(
                supervision__case=OuterRef("pk"), hospital_designated=False
            )
        )
    )


@signal(
    "postponed_without_approval",
    _("Re-examination put off without approval"),
    _(
        "A postponement of the re-examination was asked and not approved, its due date passed, "
        "and no re-examination was recorded since the request."
    ),
    "P2014 Art 21",
    SUPERVISION,
)
def _postponed_without_approval(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    reviewed_since = ConditionReview.objects.filter(
        supervision=OuterRef("supervision"), reexamined_on__gte=OuterRef("requested_day")
    )
    return cases.filter(_listed(MORTAL)).filter(
        Exists(
            ReexaminationPostponement.objects.filter(supervision__case=OuterRef("pk"))
            .exclude(state=PostponementState.APPROVED)
            .filter(due_before__lt=today)
            .alias(requested_day=TruncDate("requested_at"))
            .exclude(Exists(reviewed_since))
        )
    )


@signal(
    "circumstances_gone_no_proposal",
    _("Circumstances gone, no proposal to imprison"),
    _(
        "A review found the circumstances of temporary execution gone, and no proposal or "
        "suggestion to imprison followed."
    ),
    "CPL Art 268 ¶1(3)",
    SUPERVISION,
)
def _circumstances_gone(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(_listed()).filter(
        Exists(
            ConditionReview.objects.filter(
                supervision__case=OuterRef("pk"), finding=ReviewFinding.DISAPPEARED
            ).exclude(_no_proposal_since(OuterRef("reexamined_on")))
        )
    )


@signal(
    "condition_unreviewed_long",
    _("Medical parole without re-examination for a long time"),
    _(
        "Medical parole for %(unchanged)s days or more with no re-examination recorded in the "
        "last %(unchanged)s days, and no proposal to imprison."
    ),
    "P2014 Art 21",
    SUPERVISION,
)
def _condition_unreviewed_long(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    since = today - dt.timedelta(days=int(threshold("ANOMALY_UNCHANGED_DAYS")))
    return (
        cases.filter(_listed(), supervision__ground_medical=True)
        .filter(supervision__opened_at__date__lte=since)
        .exclude(
            Exists(
                ConditionReview.objects.filter(
                    supervision__case=OuterRef("pk"), reexamined_on__gt=since
                )
            )
        )
        .exclude(Exists(RevocationProposal.objects.filter(supervision__case=OuterRef("pk"))))
    )


@signal(
    "condition_unchanged_no_panel",
    _("Condition unchanged for a long time, no panel review"),
    _(
        "Medical parole for %(unchanged)s days or more whose re-examinations of the last "
        "%(unchanged)s days all found the condition unchanged or improved, with no expert panel "
        "review recorded in that time and no proposal to imprison."
    ),
    "P2014 Art 21",
    SUPERVISION,
)
def _condition_unchanged_no_panel(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    since = today - dt.timedelta(days=int(threshold("ANOMALY_UNCHANGED_DAYS")))
    recent = ConditionReview.objects.filter(
        supervision__case=OuterRef("pk"), reexamined_on__gt=since
    )
    steady = [ConditionChange.UNCHANGED, ConditionChange.IMPROVED]
    return (
        cases.filter(_listed(), supervision__ground_medical=True)
        .filter(supervision__opened_at__date__lte=since)
        .filter(Exists(recent))
        # A review that found it worse, or did not say, ends the run.
        .exclude(Exists(recent.exclude(condition_change__in=steady)))
        .exclude(Exists(recent.filter(panel_reviewed=True)))
        .exclude(Exists(RevocationProposal.objects.filter(supervision__case=OuterRef("pk"))))
    )


@signal(
    "two_warnings_no_proposal",
    _("Two warnings, no proposal to imprison"),
    _("Two warnings or more and no proposal or suggestion to imprison since the second."),
    "SPC-Interp Art 516(4)",
    SUPERVISION,
)
def _two_warnings(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    warnings = DisciplineMeasure.objects.filter(
        supervision__case=OuterRef("pk"), kind=MeasureKind.WARNING
    ).order_by("-decided_on")
    second = Subquery(warnings.values("decided_on")[1:2])
    return (
        cases.filter(_listed())
        .alias(second_warning=second)
        .filter(second_warning__isnull=False)
        .exclude(
            Exists(
                RevocationProposal.objects.filter(
                    supervision__case=OuterRef("pk"),
                    proposed_at__date__gte=OuterRef("second_warning"),
                )
            )
        )
    )


@signal(
    "violation_unsanctioned",
    _("Violation left unsanctioned"),
    _(
        "The guarantor reported the person leaving or moving without approval, or an illegal "
        "act, and no reprimand, warning or penalty request followed."
    ),
    "CCL Art 28",
    SUPERVISION,
)
def _violation_unsanctioned(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    sanctioned = DisciplineMeasure.objects.filter(
        supervision=OuterRef("supervision"),
        kind__in=[MeasureKind.REPRIMAND, MeasureKind.WARNING, MeasureKind.PENALTY_REQUEST],
        decided_on__gte=OuterRef("day"),
    )
    return cases.filter(_listed()).filter(
        Exists(
            GuarantorReport.objects.filter(
                supervision__case=OuterRef("pk"),
                kind__in=[ReportKind.LEFT_OR_MOVED, ReportKind.ILLEGAL_ACT],
            )
            .alias(day=TruncDate("happened_at"))
            .exclude(Exists(sanctioned))
        )
    )


@signal(
    "new_offence_still_listed",
    _("New offence or detention of a person still listed"),
    _(
        "Another organ recorded a court ruling, a detention or a compulsory measure after the "
        "reception, and the person is still listed under ordinary supervision."
    ),
    "P2014 Art 22 ¶1",
    SUPERVISION,
)
def _new_offence(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(_listed()).filter(
        Exists(
            ExternalRecord.objects.filter(
                offenders=OuterRef("offender"),
                kind__in=[
                    ExternalRecordKind.COURT_RULING,
                    ExternalRecordKind.DETENTION,
                    ExternalRecordKind.COMPULSORY_MEASURE,
                ],
                occurred_on__gte=OuterRef("supervision__opened_at__date"),
            )
        )
    )


@signal(
    "nursing_past_first_birthday",
    _("Nursing past the child's first birthday"),
    _(
        "Temporary execution on the pregnancy or nursing ground alone, the child's first "
        "birthday passed, and no proposal to imprison."
    ),
    "CPL Art 268 ¶1(3)",
    SUPERVISION,
)
def _nursing_past(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return (
        cases.filter(_listed())
        .filter(
            supervision__ground_pregnancy=True,
            supervision__ground_medical=False,
            supervision__ground_self_care=False,
        )
        .filter(
            Q(supervision__nursing_ends_on__lt=today)
            | Q(supervision__birth_record__nursing_ends_on__lt=today)
        )
        .exclude(Exists(RevocationProposal.objects.filter(supervision__case=OuterRef("pk"))))
    )


@signal(
    "repeated_pregnancies",
    _("Repeated pregnancies"),
    _("The same person was granted temporary execution on the pregnancy ground more than once."),
    "P2014 Art 5",
    SUPERVISION,
)
def _repeated_pregnancies(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    others = Case.objects.filter(
        offender__id_number=OuterRef("offender__id_number"), ground_pregnancy=True
    ).exclude(pk=OuterRef("pk"))
    return cases.filter(ground_pregnancy=True).filter(Exists(others))


@signal(
    "guarantor_for_several",
    _("One guarantor for several people"),
    _("The current guarantor is also the current guarantor of another person."),
    "P2014 Art 11",
    SUPERVISION,
)
def _guarantor_for_several(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    elsewhere = GuarantorTerm.objects.filter(
        state=TermState.ACTIVE, id_number=OuterRef("id_number")
    ).exclude(supervision=OuterRef("supervision"))
    return cases.filter(_listed(MORTAL)).filter(
        Exists(
            GuarantorTerm.objects.filter(
                supervision__case=OuterRef("pk"), state=TermState.ACTIVE
            ).filter(Exists(elsewhere))
        )
    )


@signal(
    "guarantor_not_nearby",
    _("Guarantor no longer living with or near the person"),
    _("The current guarantor is recorded as not living with or near the person."),
    "P2014 Art 11",
    SUPERVISION,
)
def _guarantor_not_nearby(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(_listed(MORTAL)).filter(
        Exists(
            GuarantorTerm.objects.filter(
                supervision__case=OuterRef("pk"),
                state=TermState.ACTIVE,
                lives_with_or_nearby=False,
            )
        )
    )


@signal(
    "monitoring_lapsed",
    _("Electronic monitoring lapsed"),
    _(
        "An electronic-monitoring period passed its last day with neither a removal nor an "
        "extension recorded."
    ),
    "CCL Art 29",
    SUPERVISION,
)
def _monitoring_lapsed(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(_listed(MORTAL)).filter(
        Exists(
            MonitoringPeriod.objects.filter(
                supervision__case=OuterRef("pk"),
                ends_on__lt=today,
                ended_on__isnull=True,
                extension__isnull=True,
            )
        )
    )


# Closure --------------------------------------------------------------------------------------


@signal(
    "expired_not_released",
    _("Sentence expired, still listed"),
    _("The sentence expired and the person is still listed: no release papers recorded."),
    "P2014 Art 27",
    CLOSURE,
)
def _expired_not_released(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(_listed(), supervision__expiry_date__lt=today)


@signal(
    "death_recorded_elsewhere",
    _("Death recorded elsewhere, still listed"),
    _("Another organ recorded the person's death, and the person is still listed."),
    "P2014 Art 28",
    CLOSURE,
)
def _death_elsewhere(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return cases.filter(_listed(MORTAL)).filter(
        Exists(
            ExternalRecord.objects.filter(
                offenders=OuterRef("offender"), kind=ExternalRecordKind.DEATH
            )
        )
    )
