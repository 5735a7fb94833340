"""The declared acts of the re-examinations, registered with the runner: the request to
postpone a re-examination and the institution's decision on it (P2014 Art 21; 病情复查延期),
and the birth of the child of a woman granted temporary execution for pregnancy (legal-spec
E-11, E-12; P2014 Art 5 ¶1(2)). The three-monthly review itself is `condition_review`
(`supervision.community_acts`), which calls `supervision.medical.services`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.models import Case, CaseState
from kernel.deadlines.services import deadline_open
from kernel.refusals import Requirement

from ..acts import receiving_officer_of
from ..community_acts import _DECISION_ORGAN_STAFF, _not_in_future, _notify, _state_requires
from ..models import SUPERVISION_OPEN, Supervision
from .models import (
    BirthRecord,
    PostponementRequester,
    PostponementState,
    ReexaminationPostponement,
)
from .services import reexamination_due, reexamination_postpone

_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
_ART_21 = "P2014 Art 21"
_ART_NURSING = "P2014 Art 5 ¶1(2)"


def _medical_requires(case: Case) -> list[Requirement]:
    if not case.ground_medical:
        return [
            Requirement(_ART_21, _("Only medical parole has the three-monthly re-examination."))
        ]
    return _state_requires(case, SUPERVISION_OPEN, _ART_21)


# 病情复查延期: the request.


class PostponementRequestParams(serializers.Serializer[Any]):
    requested_by = serializers.ChoiceField(
        choices=PostponementRequester.choices,
        help_text="Who asks: the person, the guarantor (through the officer) or the officer.",
    )
    reason = serializers.CharField(help_text="Why the re-examination cannot be done in time.")
    requested_date = serializers.DateField(help_text="The date the re-examination is asked for.")


class PostponementResult(serializers.ModelSerializer[ReexaminationPostponement]):
    class Meta:
        model = ReexaminationPostponement
        fields = [
            "id",
            "requested_by_party",
            "reason",
            "due_before",
            "requested_date",
            "state",
            "approved_date",
            "decision_reasons",
            "decided_at",
        ]


def _pending(case: Case) -> Any:
    return ReexaminationPostponement.objects.filter(
        supervision__case=case, state=PostponementState.REQUESTED
    )


def _request_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _medical_requires(case)
    if unmet:
        return unmet
    if reexamination_due(case) is None:
        return [Requirement(_ART_21, _("No re-examination is due."))]
    if _pending(case).exists():
        return [Requirement(_ART_21, _("A postponement request is already awaiting decision."))]
    return []


def _request_clean(case: Case, params: Params) -> None:
    if not str(params.get("reason", "")).strip():
        raise ValidationError({"reason": _("Give the reason.")})
    due = reexamination_due(case)
    current = due.shown_due_date if due else None
    if current is not None and params["requested_date"] <= current:
        raise ValidationError(
            {"requested_date": _("Ask for a date after %(date)s.") % {"date": current}}
        )


def _requested(firing: Firing) -> ReexaminationPostponement:
    due = reexamination_due(firing.case)
    params = firing.params
    postponement = ReexaminationPostponement.objects.create(
        supervision=Supervision.objects.get(case=firing.case),
        requested_by_party=params["requested_by"],
        reason=str(params["reason"]).strip(),
        due_before=due.shown_due_date if due else None,
        requested_date=params["requested_date"],
        recorded_by=firing.actor,
    )
    firing.payload.update(
        postponement_id=postponement.pk, requested_date=str(postponement.requested_date)
    )
    return postponement


REEXAMINATION_POSTPONEMENT_REQUEST = Act(
    name="reexamination_postponement_request",
    label=gettext_lazy("Request to postpone the re-examination"),
    article=_ART_21,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_request_requires,
    clean=_request_clean,
    effects=_requested,
    audit="supervision.reexamination_postponement_request",
    params=PostponementRequestParams,
    result=PostponementResult,
    example={
        "expected_state": "under_supervision",
        "requested_by": "guarantor",
        "reason": "正在住院化疗，无法按期到指定医院复查",
        "requested_date": "2026-07-20",
    },
)


# The institution's decision.


class PostponementDecideParams(serializers.Serializer[Any]):
    postponement = serializers.PrimaryKeyRelatedField(
        queryset=ReexaminationPostponement.objects.all(),
        help_text="The request decided.",
    )
    approve = serializers.BooleanField(help_text="Approve (true) or refuse (false).")
    approved_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Approval: the date the re-examination is postponed to (default: as asked).",
    )
    reasons = serializers.CharField(help_text="The reasons for the decision.")


def _decide_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _medical_requires(case)
    if unmet:
        return unmet
    if not _pending(case).exists():
        return [Requirement(_ART_21, _("No postponement request is awaiting decision."))]
    return []


def _decide_clean(case: Case, params: Params) -> None:
    postponement: ReexaminationPostponement = params["postponement"]
    if postponement.supervision.case_id != case.pk:
        raise ValidationError({"postponement": _("This request is not of this case.")})
    if postponement.state != PostponementState.REQUESTED:
        raise ValidationError({"postponement": _("This request is already decided.")})
    if not str(params.get("reasons", "")).strip():
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    if params["approve"]:
        to = params.get("approved_date") or postponement.requested_date
        if to <= timezone.localdate():
            raise ValidationError({"approved_date": _("The date must be after today.")})


def _decided(firing: Firing) -> ReexaminationPostponement:
    params, case = firing.params, firing.case
    postponement = ReexaminationPostponement.objects.select_for_update().get(
        pk=params["postponement"].pk
    )
    if params["approve"]:
        postponement.approve()
        postponement.approved_date = params.get("approved_date") or postponement.requested_date
        reexamination_postpone(
            case=case,
            to=postponement.approved_date,
            organisation=firing.organisation,
            actor=firing.actor,
        )
        firing.action = "supervision.reexamination_postponement_approved"
    else:
        postponement.refuse()
        firing.action = "supervision.reexamination_postponement_refused"
    postponement.decision_reasons = str(params["reasons"]).strip()
    postponement.decided_at = timezone.now()
    postponement.decided_by = firing.actor
    postponement.save()
    firing.payload.update(
        postponement_id=postponement.pk,
        state=postponement.state,
        approved_date=str(postponement.approved_date or ""),
    )
    return postponement


REEXAMINATION_POSTPONEMENT_DECIDE = Act(
    name="reexamination_postponement_decide",
    label=gettext_lazy("Decide on the postponement of the re-examination"),
    article=_ART_21,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_decide_requires,
    clean=_decide_clean,
    effects=_decided,
    reason_param="reasons",
    audit="supervision.reexamination_postponement_decide",
    params=PostponementDecideParams,
    result=PostponementResult,
    example={
        "expected_state": "under_supervision",
        "postponement": 3,
        "approve": True,
        "approved_date": "2026-07-20",
        "reasons": "住院证明属实，同意延期至出院后复查",
    },
)


# legal-spec E-11, E-12: the birth; the ground becomes nursing until the first birthday.


class BirthParams(serializers.Serializer[Any]):
    child_born_on = serializers.DateField(help_text="The child was born on.")
    notes = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="E.g. the birth certificate seen; the baby in the mother's care.",
    )


class BirthResult(serializers.ModelSerializer[BirthRecord]):
    class Meta:
        model = BirthRecord
        fields = ["id", "child_born_on", "nursing_ends_on", "notes"]


def nursing_ends(born: dt.date) -> dt.date:
    """The child's first birthday (legal-spec E-12; 29 February: 28 February)."""
    return born + relativedelta(years=1)


def _birth_requires(case: Case, params: Params) -> list[Requirement]:
    record = Supervision.objects.filter(case=case).first()
    if record is not None and not record.ground_pregnancy:
        return [
            Requirement(
                _ART_NURSING, _("Only a temporary execution granted for pregnancy has a birth.")
            )
        ]
    unmet = _state_requires(case, SUPERVISION_OPEN, _ART_NURSING)
    if unmet:
        return unmet
    if BirthRecord.objects.filter(supervision__case=case).exists():
        return [Requirement(_ART_NURSING, _("The birth is already recorded."))]
    return []


def _birth_clean(case: Case, params: Params) -> None:
    _not_in_future(params["child_born_on"], "child_born_on")


def _born(firing: Firing) -> BirthRecord:
    case, params = firing.case, firing.params
    record = Supervision.objects.select_for_update().get(case=case)
    born: dt.date = params["child_born_on"]
    ends = nursing_ends(born)
    birth = BirthRecord.objects.create(
        supervision=record,
        child_born_on=born,
        nursing_ends_on=ends,
        notes=str(params.get("notes", "")).strip(),
        recorded_by=firing.actor,
    )
    Supervision.objects.filter(pk=record.pk).update(nursing_ends_on=ends)
    deadline_open(
        code="E-12",
        subject=case,
        trigger_at=dt.datetime.combine(born, dt.time(0), tzinfo=timezone.get_current_timezone()),
        responsible_organisation=firing.organisation,
        actor=firing.actor,
    )
    _notify(
        record.deciding_organ,
        _DECISION_ORGAN_STAFF,
        case=case,
        key="birth",
        subject=_("%(case)s: the child was born; the nursing ground ends on %(date)s")
        % {"case": case.number, "date": ends},
        body=_(
            "The ground is now nursing her own baby (P2014 Art 5). It will disappear on the "
            "child's first birthday, %(date)s, unless the institution finds otherwise."
        )
        % {"date": ends},
        severity="warning",
    )
    firing.payload.update(birth_record_id=birth.pk, nursing_ends_on=str(ends))
    return birth


BIRTH_RECORD = Act(
    name="birth_record",
    label=gettext_lazy("Record the birth (the ground becomes nursing)"),
    article=_ART_NURSING,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_birth_requires,
    clean=_birth_clean,
    effects=_born,
    audit="supervision.birth_record",
    params=BirthParams,
    result=BirthResult,
    example={
        "expected_state": "under_supervision",
        "child_born_on": "2026-08-02",
        "notes": "出生医学证明已核验，婴儿由本人哺乳",
    },
)

MEDICAL_ACTS: dict[str, Act] = {
    act.name: act
    for act in (REEXAMINATION_POSTPONEMENT_REQUEST, REEXAMINATION_POSTPONEMENT_DECIDE, BIRTH_RECORD)
}
acts_register(MEDICAL_ACTS.values())

# The rest of this part registers itself at start-up with the acts: its admin, its section
# of the community page and its periodic task.
from . import admin as _admin  # noqa: E402, F401
from . import sections as _sections  # noqa: E402, F401
from . import tasks as _tasks  # noqa: E402, F401
