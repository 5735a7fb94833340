"""The declared acts of rewards and sanctions (CCL Art 28; DOC-42) and electronic monitoring
(CCL Art 29; D-24), registered with the runner.

Revocation grounds (legal-spec §3.4 list R) raised from these records, each once per
supervision, with the record that proves it as its source:

- SPC-Interp Art 516(4), "two warnings from the executing organ, still not corrected": raised
  by a warning given while an earlier warning of the same supervision is not recorded as
  corrected (the second warning is itself the proof that the person did not correct); the
  source is that second warning.
- SPC-Interp Art 516(5), "re-examination results not submitted, not corrected after a
  warning": raised when the officer records that a person warned for not submitting the
  re-examination results has still not corrected (the act `discipline_correction_record`
  with `corrected` false on such a warning); the source is the warning.
- SPC-Interp Art 516(3), "not corrected after a public-security penalty": raised when the
  officer records, on a request for a public-security penalty, the penalty the public security
  organ imposed and that the person has still not corrected; the source is the request.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.models import Case, CaseState, EvidenceKind
from cases.services.workflow import evidence_store
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.documents.models import GeneratedDocument
from kernel.documents.pdf import chinese_label
from kernel.documents.services import document_issue
from kernel.refusals import Requirement

from ..acts import receiving_officer_of
from ..community_acts import _state_requires
from ..grounds import revocation_ground_raise
from ..models import SUPERVISION_OPEN, RevocationGround, RevocationGroundKind, Supervision
from .models import (
    SANCTIONS,
    DisciplineMeasure,
    MeasureKind,
    MonitoringGround,
    MonitoringPeriod,
)

_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
ART_28 = "CCL Art 28"
ART_29 = "CCL Art 29"
ART_29_2 = "CCL Art 29 ¶2"
#: The longest period, and the longest extension, of electronic monitoring (CCL Art 29 ¶2).
MONITORING_MONTHS = 3

#: DOC-42: the decision's title and the short mark of its number, by measure.
DECISION_TITLES = {
    MeasureKind.REPRIMAND: ("社区矫正训诫决定书", "训"),
    MeasureKind.WARNING: ("社区矫正警告决定书", "警"),
    MeasureKind.PENALTY_REQUEST: ("提请治安管理处罚审核表", "罚"),
}


def _not_in_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date is in the future.")})


def _record(case: Case) -> Supervision:
    return Supervision.objects.select_for_update().get(case=case)


def _keep(firing: Firing, upload: Any, description: str) -> Any:
    if not upload:
        return None
    return evidence_store(
        case=firing.case,
        actor=firing.actor,
        kind=EvidenceKind.OTHER,
        upload=upload,
        description=description[:200],
    )


def _ground_once(
    record: Supervision, ground: RevocationGroundKind, *, reason: str, source: Any, actor: Any
) -> bool:
    """Raise the ground unless this supervision already has it: each fires once."""
    if RevocationGround.objects.filter(supervision=record, ground=ground).exists():
        return False
    revocation_ground_raise(
        supervision=record, ground=ground, reason=reason, source=source, actor=actor
    )
    return True


# CCL Art 28: praise, reprimand, warning, request for a public-security penalty (DOC-42).


class MeasureParams(serializers.Serializer[Any]):
    decided_on = serializers.DateField(help_text="The date of the measure.")
    facts = serializers.CharField(max_length=4000, help_text="The facts.")
    rule_breached = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text="The law or supervision rule breached (required for a sanction).",
    )
    reexamination_not_submitted = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Medical parole: the sanction is for not submitting the re-examination results "
        "(SPC-Interp Art 516(5)).",
    )
    evidence_scan = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Evidence (PDF, JPEG or PNG, checked by content).",
    )


class MeasureResult(serializers.ModelSerializer[DisciplineMeasure]):
    warning_count = serializers.IntegerField(source="supervision.warning_count", read_only=True)

    class Meta:
        model = DisciplineMeasure
        fields = [
            "id",
            "kind",
            "decided_on",
            "facts",
            "rule_breached",
            "reexamination_not_submitted",
            "evidence",
            "document",
            "corrected",
            "correction_found_on",
            "penalty_decision",
            "warning_count",
        ]


def _open_requires(article: str) -> Any:
    def requires(case: Case, params: Params) -> list[Requirement]:
        return _state_requires(case, SUPERVISION_OPEN, article)

    return requires


def _measure_clean(kind: str) -> Any:
    def clean(case: Case, params: Params) -> None:
        _not_in_future(params["decided_on"], "decided_on")
        if kind in SANCTIONS and not str(params.get("rule_breached", "")).strip():
            raise ValidationError(
                {"rule_breached": _("Name the law or supervision rule breached (CCL Art 28).")}
            )
        if params.get("reexamination_not_submitted"):
            if kind not in SANCTIONS:
                raise ValidationError(
                    {"reexamination_not_submitted": _("Praise answers no violation.")}
                )
            if not case.ground_medical:
                raise ValidationError(
                    {
                        "reexamination_not_submitted": _(
                            "Only medical parole has the re-examination (P2014 Art 21)."
                        )
                    }
                )

    return clean


def _decision_issue(firing: Firing, measure: DisciplineMeasure) -> GeneratedDocument:
    """DOC-42 in the official layout: number, the person, facts, rule, measure, CCI, date."""
    case, record = firing.case, measure.supervision
    title, mark = DECISION_TITLES[MeasureKind(measure.kind)]
    offender = case.offender
    addressee = ""
    if measure.kind == MeasureKind.PENALTY_REQUEST:
        addressee = _("the county public security organ of the residence")
    return document_issue(
        subject=case,
        template="discipline_decision",
        context={
            "measure": measure,
            "offender": offender,
            "case": case,
            "record": record,
            "addressee": addressee,
            "measure_label": chinese_label(measure, "kind"),
        },
        number=f"{record.executing_cci.name}矫{mark}〔{measure.decided_on.year}〕{measure.pk}号",
        title=title,
        issuing_organisation=firing.organisation,
        issued_on=measure.decided_on,
        actor=firing.actor,
    )


def _measured(firing: Firing) -> DisciplineMeasure:
    case, params, kind = firing.case, firing.params, _ACT_KINDS[firing.act.name]
    record = _record(case)
    measure = DisciplineMeasure.objects.create(
        supervision=record,
        kind=kind,
        decided_on=params["decided_on"],
        facts=params["facts"],
        rule_breached=str(params.get("rule_breached", "")).strip() if kind in SANCTIONS else "",
        reexamination_not_submitted=bool(params.get("reexamination_not_submitted")),
        evidence=_keep(firing, params.get("evidence_scan"), str(_("Evidence of the measure"))),
        officer=firing.actor,
    )
    if kind == MeasureKind.WARNING:
        earlier_uncorrected = (
            record.discipline_measures.filter(kind=MeasureKind.WARNING)
            .exclude(pk=measure.pk)
            .filter(Q(corrected__isnull=True) | Q(corrected=False))
            .exists()
        )
        record.warning_count += 1
        record.save(update_fields=["warning_count"])
        if earlier_uncorrected:
            _ground_once(
                record,
                RevocationGroundKind.SPC_4,
                reason=_("A second warning while an earlier warning is not corrected: %(facts)s")
                % {"facts": measure.facts},
                source=measure,
                actor=firing.actor,
            )
    if kind in SANCTIONS:
        measure.document = _decision_issue(firing, measure)
        measure.save(update_fields=["document"])
    firing.payload.update(measure_id=measure.pk, kind=kind, warning_count=record.warning_count)
    return measure


def _measure_act(kind: MeasureKind, name: str, label: Any, example: dict[str, Any]) -> Act:
    return Act(
        name=name,
        label=label,
        article=ART_28,
        may=receiving_officer_of,
        states=_UNDER,
        requires=_open_requires(ART_28),
        clean=_measure_clean(kind),
        effects=_measured,
        audit=f"supervision.{name}",
        params=MeasureParams,
        result=MeasureResult,
        example={"expected_state": "under_supervision", "decided_on": "2026-06-10", **example},
    )


PRAISE = _measure_act(
    MeasureKind.PRAISE,
    "discipline_praise",
    gettext_lazy("Praise"),
    {"facts": "认罪悔罪，积极参加公益活动，表现突出"},
)
REPRIMAND = _measure_act(
    MeasureKind.REPRIMAND,
    "discipline_reprimand",
    gettext_lazy("Reprimand"),
    {"facts": "未按时报到", "rule_breached": "《社区矫正法》第二十三条"},
)
WARNING = _measure_act(
    MeasureKind.WARNING,
    "discipline_warning",
    gettext_lazy("Warning"),
    {
        "facts": "逾期未提交病情复查情况",
        "rule_breached": "《暂予监外执行规定》第二十一条",
        "reexamination_not_submitted": True,
    },
)
PENALTY_REQUEST = _measure_act(
    MeasureKind.PENALTY_REQUEST,
    "discipline_penalty_request",
    gettext_lazy("Request a public-security penalty"),
    {"facts": "违反禁止令进入娱乐场所", "rule_breached": "《社区矫正法》第二十三条"},
)
_ACT_KINDS = {
    PRAISE.name: MeasureKind.PRAISE,
    REPRIMAND.name: MeasureKind.REPRIMAND,
    WARNING.name: MeasureKind.WARNING,
    PENALTY_REQUEST.name: MeasureKind.PENALTY_REQUEST,
}


# Whether the person corrected after a sanction (SPC-Interp Art 516(3)-(5)).


class CorrectionParams(serializers.Serializer[Any]):
    measure = serializers.PrimaryKeyRelatedField(
        queryset=DisciplineMeasure.objects.all(), help_text="The sanction."
    )
    corrected = serializers.BooleanField(help_text="Whether the person has corrected.")
    found_on = serializers.DateField(help_text="The date of the assessment.")
    note = serializers.CharField(max_length=2000, help_text="What the officer found.")
    penalty_decision = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=80,
        help_text="For a penalty request found not corrected: the public security organ's "
        "penalty decision (SPC-Interp Art 516(3)).",
    )


def _correction_clean(case: Case, params: Params) -> None:
    measure: DisciplineMeasure = params["measure"]
    if measure.supervision.case_id != case.pk:
        raise ValidationError({"measure": _("Choose a sanction of this person.")})
    if measure.kind not in SANCTIONS:
        raise ValidationError({"measure": _("Praise answers no violation.")})
    if measure.corrected:
        raise ValidationError({"measure": _("The correction is already recorded.")})
    _not_in_future(params["found_on"], "found_on")
    if params["found_on"] < measure.decided_on:
        raise ValidationError({"found_on": _("The assessment cannot precede the sanction.")})
    if (
        measure.kind == MeasureKind.PENALTY_REQUEST
        and not params["corrected"]
        and not str(params.get("penalty_decision", "")).strip()
    ):
        raise ValidationError(
            {
                "penalty_decision": _(
                    "Give the public security organ's penalty decision (SPC-Interp Art 516(3))."
                )
            }
        )


def _correction_recorded(firing: Firing) -> DisciplineMeasure:
    params, actor = firing.params, firing.actor
    record = _record(firing.case)
    measure = DisciplineMeasure.objects.select_for_update().get(pk=params["measure"].pk)
    measure.corrected = bool(params["corrected"])
    measure.correction_found_on = params["found_on"]
    measure.correction_note = params["note"]
    if measure.kind == MeasureKind.PENALTY_REQUEST:
        measure.penalty_decision = str(params.get("penalty_decision", "")).strip()
    measure.save()
    raised = False
    if not measure.corrected:
        if measure.kind == MeasureKind.WARNING and measure.reexamination_not_submitted:
            raised = _ground_once(
                record,
                RevocationGroundKind.SPC_5,
                reason=_(
                    "Warned for not submitting the re-examination results; not corrected: %(note)s"
                )
                % {"note": measure.correction_note},
                source=measure,
                actor=actor,
            )
        elif measure.kind == MeasureKind.PENALTY_REQUEST:
            raised = _ground_once(
                record,
                RevocationGroundKind.SPC_3,
                reason=_("Not corrected after the public-security penalty %(decision)s: %(note)s")
                % {"decision": measure.penalty_decision, "note": measure.correction_note},
                source=measure,
                actor=actor,
            )
    firing.payload.update(measure_id=measure.pk, corrected=measure.corrected, ground_raised=raised)
    return measure


CORRECTION_RECORD = Act(
    name="discipline_correction_record",
    label=gettext_lazy("Record whether the person corrected"),
    article="CCL Art 28; SPC-Interp Art 516",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_open_requires(ART_28),
    clean=_correction_clean,
    effects=_correction_recorded,
    audit="supervision.discipline_correction",
    params=CorrectionParams,
    result=MeasureResult,
    example={
        "expected_state": "under_supervision",
        "measure": 1,
        "corrected": False,
        "found_on": "2026-07-10",
        "note": "经警告后仍未提交病情复查情况",
    },
)


# CCL Art 29: electronic monitoring, at most three months a period (D-24).


def monitoring_running(record: Supervision) -> MonitoringPeriod | None:
    """The period in force: not removed, not extended (its extension is the one in force)."""
    return (
        record.monitoring_periods.filter(ended_on__isnull=True, extension__isnull=True)
        .order_by("-starts_on", "-id")
        .first()
    )


def _longest(start: dt.date) -> dt.date:
    return start + relativedelta(months=MONITORING_MONTHS)


class MonitoringApproveParams(serializers.Serializer[Any]):
    ground = serializers.ChoiceField(
        choices=MonitoringGround.choices, help_text="The ground of CCL Art 29 ¶1."
    )
    facts = serializers.CharField(max_length=4000, help_text="The facts and the assessment.")
    approved_by = serializers.CharField(
        max_length=60, help_text="The head of the county judicial administration who approved."
    )
    approved_on = serializers.DateField(help_text="The date of the approval.")
    approval_scan = serializers.FileField(
        help_text="The signed approval (PDF, JPEG or PNG, checked by content)."
    )
    starts_on = serializers.DateField(help_text="The first day of monitoring.")
    ends_on = serializers.DateField(help_text="The last day: at most three months later.")


class MonitoringExtendParams(serializers.Serializer[Any]):
    facts = serializers.CharField(
        max_length=4000, help_text="The assessment: why monitoring is still necessary."
    )
    approved_by = serializers.CharField(
        max_length=60, help_text="The head of the county judicial administration who approved."
    )
    approved_on = serializers.DateField(help_text="The date of the approval.")
    approval_scan = serializers.FileField(
        help_text="The signed approval (PDF, JPEG or PNG, checked by content)."
    )
    ends_on = serializers.DateField(
        help_text="The new last day: at most three months after the current period's end."
    )


class MonitoringEndParams(serializers.Serializer[Any]):
    ended_on = serializers.DateField(help_text="Removed on.")
    reason = serializers.CharField(
        max_length=2000, help_text="Why monitoring is no longer needed (or the period ended)."
    )


class MonitoringResult(serializers.ModelSerializer[MonitoringPeriod]):
    class Meta:
        model = MonitoringPeriod
        fields = [
            "id",
            "extends",
            "ground",
            "approved_by",
            "approved_on",
            "starts_on",
            "ends_on",
            "ended_on",
            "end_reason",
            "document",
        ]


def _beyond(start: dt.date, ends_on: Any) -> list[Requirement]:
    if isinstance(ends_on, dt.date) and ends_on > _longest(start):
        return [
            Requirement(
                ART_29_2,
                _("A period of electronic monitoring lasts at most three months: until %(date)s.")
                % {"date": _longest(start)},
            )
        ]
    return []


def _approve_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(case, SUPERVISION_OPEN, ART_29)
    if unmet:
        return unmet
    record = Supervision.objects.get(case=case)
    if monitoring_running(record) is not None:
        return [Requirement(ART_29_2, _("Monitoring is in force: extend it or remove it."))]
    ground = params.get("ground")
    if ground == MonitoringGround.NOT_REPORTING and not record.warning_count:
        return [Requirement("CCL Art 29 ¶1(3)", _("No warning is recorded."))]
    if (
        ground == MonitoringGround.PENALISED
        and not record.discipline_measures.filter(kind=MeasureKind.PENALTY_REQUEST).exists()
    ):
        return [
            Requirement(
                "CCL Art 29 ¶1(4)", _("No request for a public-security penalty is recorded.")
            )
        ]
    start = params.get("starts_on")
    return _beyond(start, params.get("ends_on")) if isinstance(start, dt.date) else []


def _approve_clean(case: Case, params: Params) -> None:
    _not_in_future(params["approved_on"], "approved_on")
    if params["starts_on"] < params["approved_on"]:
        raise ValidationError({"starts_on": _("Monitoring starts once approved.")})
    if params["ends_on"] < params["starts_on"]:
        raise ValidationError({"ends_on": _("The end precedes the start.")})


def _approval_form_issue(firing: Firing, period: MonitoringPeriod) -> GeneratedDocument:
    """DOC-40: 电子定位装置使用审批表, for a first period or an extension."""
    record = period.supervision
    first = period.extends or period
    while first.extends is not None:
        first = first.extends
    return document_issue(
        subject=firing.case,
        template="monitoring_approval",
        context={
            "period": period,
            "ground_label": chinese_label(first, "ground"),
            "offender": firing.case.offender,
            "case": firing.case,
            "record": record,
            "extension": period.extends is not None,
        },
        number=f"{record.executing_cci.name}矫定〔{period.approved_on.year}〕{period.pk}号",
        title="使用电子定位装置审批表" if period.extends is None else "延长使用电子定位装置审批表",
        issuing_organisation=firing.organisation,
        issued_on=period.approved_on,
        actor=firing.actor,
    )


def _clock_open(firing: Firing, period: MonitoringPeriod) -> None:
    deadline_open(
        code="D-24",
        subject=firing.case,
        trigger_at=dt.datetime.combine(
            period.starts_on, dt.time(0), tzinfo=timezone.get_current_timezone()
        ),
        responsible_organisation=firing.organisation,
        actor=firing.actor,
    )


def _approved(firing: Firing) -> MonitoringPeriod:
    params = firing.params
    record = _record(firing.case)
    period = MonitoringPeriod.objects.create(
        supervision=record,
        ground=params["ground"],
        facts=params["facts"],
        approved_by=params["approved_by"],
        approved_on=params["approved_on"],
        approval_scan=_keep(
            firing, params["approval_scan"], str(_("Signed approval of electronic monitoring"))
        ),
        starts_on=params["starts_on"],
        ends_on=params["ends_on"],
        officer=firing.actor,
    )
    period.document = _approval_form_issue(firing, period)
    period.save(update_fields=["document"])
    record.monitoring_ends_on = period.ends_on
    record.save(update_fields=["monitoring_ends_on"])
    _clock_open(firing, period)
    firing.payload.update(monitoring_period_id=period.pk, ends_on=str(period.ends_on))
    return period


MONITORING_APPROVE = Act(
    name="monitoring_approve",
    label=gettext_lazy("Record the approval of electronic monitoring"),
    article=ART_29,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_approve_requires,
    clean=_approve_clean,
    effects=_approved,
    audit="supervision.monitoring_approve",
    params=MonitoringApproveParams,
    result=MonitoringResult,
    example={
        "expected_state": "under_supervision",
        "ground": "left_area",
        "facts": "未经批准离开所居住的县",
        "approved_by": "王局长",
        "approved_on": "2026-06-01",
        "starts_on": "2026-06-02",
        "ends_on": "2026-09-01",
    },
)


def _running_requires(case: Case) -> tuple[list[Requirement], MonitoringPeriod | None]:
    unmet = _state_requires(case, SUPERVISION_OPEN, ART_29)
    if unmet:
        return unmet, None
    running = monitoring_running(Supervision.objects.get(case=case))
    if running is None:
        return [Requirement(ART_29_2, _("No electronic monitoring is in force."))], None
    return [], running


def _extend_requires(case: Case, params: Params) -> list[Requirement]:
    unmet, running = _running_requires(case)
    if running is None:
        return unmet
    return _beyond(running.ends_on, params.get("ends_on"))


def _extend_clean(case: Case, params: Params) -> None:
    _not_in_future(params["approved_on"], "approved_on")
    running = monitoring_running(Supervision.objects.get(case=case))
    if running is not None and params["ends_on"] <= running.ends_on:
        raise ValidationError({"ends_on": _("The extension ends after the current period.")})


def _extended(firing: Firing) -> MonitoringPeriod:
    params = firing.params
    record = _record(firing.case)
    running = monitoring_running(record)
    assert running is not None, "requires refused it"
    period = MonitoringPeriod.objects.create(
        supervision=record,
        extends=running,
        ground=running.ground,
        facts=params["facts"],
        approved_by=params["approved_by"],
        approved_on=params["approved_on"],
        approval_scan=_keep(
            firing, params["approval_scan"], str(_("Signed approval of the extension"))
        ),
        starts_on=running.ends_on,
        ends_on=params["ends_on"],
        officer=firing.actor,
    )
    period.document = _approval_form_issue(firing, period)
    period.save(update_fields=["document"])
    record.monitoring_ends_on = period.ends_on
    record.save(update_fields=["monitoring_ends_on"])
    deadline_meet(subject=firing.case, code="D-24", event="monitoring extended", actor=firing.actor)
    _clock_open(firing, period)
    firing.payload.update(monitoring_period_id=period.pk, ends_on=str(period.ends_on))
    return period


MONITORING_EXTEND = Act(
    name="monitoring_extend",
    label=gettext_lazy("Record the extension of electronic monitoring"),
    article=ART_29_2,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_extend_requires,
    clean=_extend_clean,
    effects=_extended,
    audit="supervision.monitoring_extend",
    params=MonitoringExtendParams,
    result=MonitoringResult,
    example={
        "expected_state": "under_supervision",
        "facts": "经评估仍有必要继续使用",
        "approved_by": "王局长",
        "approved_on": "2026-08-25",
        "ends_on": "2026-12-01",
    },
)


def _end_requires(case: Case, params: Params) -> list[Requirement]:
    return _running_requires(case)[0]


def _end_clean(case: Case, params: Params) -> None:
    _not_in_future(params["ended_on"], "ended_on")
    running = monitoring_running(Supervision.objects.get(case=case))
    if running is not None and params["ended_on"] < running.starts_on:
        raise ValidationError({"ended_on": _("The removal precedes the start of the period.")})


def _ended(firing: Firing) -> MonitoringPeriod:
    params = firing.params
    record = _record(firing.case)
    running = monitoring_running(record)
    assert running is not None, "requires refused it"
    running.ended_on = params["ended_on"]
    running.end_reason = params["reason"]
    running.save(update_fields=["ended_on", "end_reason"])
    record.monitoring_ends_on = None
    record.save(update_fields=["monitoring_ends_on"])
    deadline_meet(subject=firing.case, code="D-24", event="monitoring removed", actor=firing.actor)
    firing.payload.update(monitoring_period_id=running.pk, ended_on=str(running.ended_on))
    return running


MONITORING_END = Act(
    name="monitoring_end",
    label=gettext_lazy("Remove electronic monitoring"),
    article=ART_29_2,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_end_requires,
    clean=_end_clean,
    effects=_ended,
    audit="supervision.monitoring_end",
    reason_param="reason",
    params=MonitoringEndParams,
    result=MonitoringResult,
    example={
        "expected_state": "under_supervision",
        "ended_on": "2026-07-15",
        "reason": "表现良好，不需要继续使用",
    },
)

#: The acts of this part, in the order the page offers them.
DISCIPLINE_ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        PRAISE,
        REPRIMAND,
        WARNING,
        PENALTY_REQUEST,
        CORRECTION_RECORD,
        MONITORING_APPROVE,
        MONITORING_EXTEND,
        MONITORING_END,
    )
}
acts_register(DISCIPLINE_ACTS.values())

# The page's section registers itself once the acts exist (`supervision.sections`).
from . import sections as _sections  # noqa: E402, F401
