"""The declared acts of this part of community correction, registered with the runner: add and
remove a member of the correction team (CCL Art 25), adopt and adjust the correction plan with
its supervision grade (CCL Art 24), record a field verification (实地查访, 信息化核查, 视频点验).

The grade sets how often the officer verifies: a statutory clock per grade (D-34s strict,
D-34o ordinary, D-34l lenient; the lengths are `settings.TEOP_VERIFICATION_INTERVAL_DAYS`,
defaults 7, 30 and 90 calendar days, the project's choice: the Implementation Measures' own
frequencies were not retrieved). The clock opens when the plan is adopted, each verification
meets it and opens the next from the verification's time, a change of grade waives it and opens
the new grade's from the adjustment, and the end of supervision waives it
(`supervision.community_acts._clocks_close`). A missed verification is an overdue clock: the
deadline sweep alerts the officers (and the supervising procuratorate).
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
from cases.models import Case, CaseState, EvidenceKind, Guarantor, Sex
from cases.services.workflow import evidence_store
from kernel.deadlines.models import OPEN_STATUSES
from kernel.deadlines.selectors import deadlines_of
from kernel.deadlines.services import deadline_meet, deadline_open, deadline_waive
from kernel.refusals import Requirement

from ..acts import receiving_officer_of
from ..community_acts import _state_requires
from ..models import (
    SUPERVISION_OPEN,
    ContactRole,
    Supervision,
    SupervisionContact,
    SupervisionGrade,
)
from .confidentiality import age_on
from .models import CorrectionPlan, FieldVerification, TeamMember, TeamRole, VerificationMethod

_UNDER = frozenset({CaseState.UNDER_SUPERVISION})

#: The verification clock of each grade (kernel/deadlines/kinds.py, D-34).
VERIFICATION_CLOCKS: dict[str, str] = {
    SupervisionGrade.STRICT: "D-34s",
    SupervisionGrade.ORDINARY: "D-34o",
    SupervisionGrade.LENIENT: "D-34l",
}
ALL_VERIFICATION_CLOCKS = tuple(VERIFICATION_CLOCKS.values())


# What every act here reads.


def _record(case: Case) -> Supervision | None:
    return Supervision.objects.filter(case=case).first()


def _open_requires(case: Case, article: str) -> list[Requirement]:
    """The supervision must be open (received, neither expired nor ended by death)."""
    return _state_requires(case, SUPERVISION_OPEN, article)


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=timezone.get_current_timezone())


def _not_in_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date is in the future.")})


def current_plan(record: Supervision) -> CorrectionPlan | None:
    return record.plans.order_by("-version").first()


def current_guarantor_name(record: Supervision) -> str:
    """The guarantor today (P2014 Art 12): the active guarantor contact of the supervision, or
    else the guarantor the institution confirmed in the case file; "" when there is none."""
    contact = SupervisionContact.objects.filter(
        supervision=record, role=ContactRole.GUARANTOR, active=True
    ).first()
    if contact is not None:
        return contact.name
    confirmed = Guarantor.objects.in_force().filter(case_id=record.case_id, confirmed=True).first()
    return confirmed.name if confirmed is not None else ""


def active_members(record: Supervision) -> list[TeamMember]:
    return list(record.team_members.filter(left_on__isnull=True))


def team_requires(
    record: Supervision, members: list[TeamMember], *, juvenile: bool
) -> list[Requirement]:
    """What the law asks of the team (CCL Art 25 ¶2; P2014 Art 12; CCL Art 53)."""
    unmet = []
    if record.case.offender.sex == Sex.FEMALE and not any(m.sex == Sex.FEMALE for m in members):
        unmet.append(
            Requirement(
                "CCL Art 25 ¶2",
                _("The person is a woman: the correction team must have at least one woman."),
            )
        )
    guarantor = current_guarantor_name(record)
    if guarantor and not any(m.role == TeamRole.GUARANTOR and m.name == guarantor for m in members):
        unmet.append(
            Requirement(
                "CCL Art 25; P2014 Art 12",
                _("The guarantor %(name)s must be a member of the correction team.")
                % {"name": guarantor},
            )
        )
    if juvenile and not any(m.role == TeamRole.GUARDIAN for m in members):
        unmet.append(
            Requirement(
                "CCL Art 53",
                _("The person is a juvenile: the guardian must be a member of the team."),
            )
        )
    return unmet


def _verification_clock_open(case: Case, grade: str, at: dt.datetime, firing: Firing) -> None:
    deadline_open(
        code=VERIFICATION_CLOCKS[grade],
        subject=case,
        trigger_at=at,
        responsible_organisation=firing.organisation,
        actor=firing.actor,
    )


def verification_due(case: Case) -> Any:
    """The open verification clock of the case, if any (the next verification due)."""
    return (
        deadlines_of(case, kinds=ALL_VERIFICATION_CLOCKS)
        .filter(status__in=OPEN_STATUSES)
        .order_by("-created_at")
        .first()
    )


# CCL Art 25: a member joins the correction team.


class TeamMemberAddParams(serializers.Serializer[Any]):
    name = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        default="",
        help_text="The member's name; for the guarantor, blank takes the current guarantor's.",
    )
    role = serializers.ChoiceField(choices=TeamRole.choices, help_text="Role in the team.")
    sex = serializers.ChoiceField(choices=Sex.choices, help_text="M or F (CCL Art 25 ¶2).")
    phone = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="Phone."
    )
    joined_on = serializers.DateField(help_text="Joined the team on.")


class TeamMemberResult(serializers.ModelSerializer[TeamMember]):
    class Meta:
        model = TeamMember
        fields = ["id", "name", "role", "sex", "phone", "joined_on", "left_on", "left_reason"]


def _member_add_requires(case: Case, params: Params) -> list[Requirement]:
    return _open_requires(case, "CCL Art 25")


def _member_add_clean(case: Case, params: Params) -> None:
    _not_in_future(params["joined_on"], "joined_on")
    if not _member_name(case, params):
        raise ValidationError({"name": _("Give the member's name.")})
    phone = str(params.get("phone", "")).strip()
    if phone and not all(c.isdigit() or c in "+- " for c in phone):
        raise ValidationError({"phone": _("Enter a phone number.")})


def _member_name(case: Case, params: Params) -> str:
    """The name given, or for the guarantor left blank, the current guarantor's."""
    name = str(params.get("name", "")).strip()
    if name or params.get("role") != TeamRole.GUARANTOR:
        return name
    return current_guarantor_name(Supervision.objects.get(case=case))


def _member_added(firing: Firing) -> TeamMember:
    params = firing.params
    record = Supervision.objects.get(case=firing.case)
    member = TeamMember.objects.create(
        supervision=record,
        name=_member_name(firing.case, params),
        role=params["role"],
        sex=params["sex"],
        phone=str(params.get("phone", "")).strip(),
        joined_on=params["joined_on"],
        added_by=firing.actor,
    )
    firing.payload.update(team_member_id=member.pk, role=member.role)
    return member


TEAM_MEMBER_ADD = Act(
    name="correction_team_member_add",
    label=gettext_lazy("Add a member to the correction team"),
    article="CCL Art 25",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_member_add_requires,
    clean=_member_add_clean,
    effects=_member_added,
    audit="supervision.correction_team_member_add",
    params=TeamMemberAddParams,
    result=TeamMemberResult,
    example={
        "expected_state": "under_supervision",
        "name": "王红",
        "role": "social_worker",
        "sex": "F",
        "phone": "13900001111",
        "joined_on": "2026-04-02",
    },
)


# CCL Art 25: a member leaves the team (the row stays, with the date and the reason).


class TeamMemberRemoveParams(serializers.Serializer[Any]):
    member = serializers.IntegerField(min_value=1, help_text="The member leaving (id).")
    left_on = serializers.DateField(help_text="Left the team on.")
    reason = serializers.CharField(max_length=200, help_text="Why the member leaves.")


def _member(case: Case, params: Params) -> TeamMember | None:
    pk = params.get("member")
    if not pk:
        return None
    return TeamMember.objects.filter(pk=pk, supervision__case=case, left_on__isnull=True).first()


def _member_remove_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "CCL Art 25")
    member = _member(case, params) if params else None
    if unmet or member is None:
        return unmet
    record = Supervision.objects.get(case=case)
    if current_plan(record) is None:
        return []
    # With a plan in force the team carries it: what the law asks of it must still hold.
    remaining = [m for m in active_members(record) if m.pk != member.pk]
    before = {
        r.message for r in team_requires(record, active_members(record), juvenile=record.juvenile)
    }
    return [
        r
        for r in team_requires(record, remaining, juvenile=record.juvenile)
        if r.message not in before
    ]


def _member_remove_clean(case: Case, params: Params) -> None:
    member = _member(case, params)
    if member is None:
        raise ValidationError({"member": _("Choose a current member of the team.")})
    _not_in_future(params["left_on"], "left_on")
    if params["left_on"] < member.joined_on:
        raise ValidationError({"left_on": _("A member cannot leave before joining.")})


def _member_removed(firing: Firing) -> TeamMember:
    member = TeamMember.objects.select_for_update().get(pk=firing.params["member"])
    member.left_on = firing.params["left_on"]
    member.left_reason = firing.params["reason"]
    member.save(update_fields=["left_on", "left_reason"])
    firing.payload.update(team_member_id=member.pk, left_on=str(member.left_on))
    return member


TEAM_MEMBER_REMOVE = Act(
    name="correction_team_member_remove",
    label=gettext_lazy("Remove a member from the correction team"),
    article="CCL Art 25",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_member_remove_requires,
    clean=_member_remove_clean,
    effects=_member_removed,
    reason_param="reason",
    audit="supervision.correction_team_member_remove",
    params=TeamMemberRemoveParams,
    result=TeamMemberResult,
    example={
        "expected_state": "under_supervision",
        "member": 3,
        "left_on": "2026-09-01",
        "reason": "志愿者工作调动",
    },
)


# CCL Art 24: the correction plan, its grade, and its adjustments as new versions.


class PlanParams(serializers.Serializer[Any]):
    situation = serializers.CharField(
        help_text="The person's situation (sex, age, health, offence, repentance…)."
    )
    measures = serializers.CharField(help_text="The measures of the plan.")
    grade = serializers.ChoiceField(
        choices=SupervisionGrade.choices, help_text="Supervision grade (graded management)."
    )
    adopted_on = serializers.DateField(help_text="Adopted on.")


class PlanAdjustParams(PlanParams):
    reason = serializers.CharField(help_text="Why the plan is adjusted (the person's conduct…).")


class PlanResult(serializers.ModelSerializer[CorrectionPlan]):
    class Meta:
        model = CorrectionPlan
        fields = [
            "id",
            "version",
            "situation",
            "measures",
            "grade",
            "adopted_on",
            "adjustment_reason",
        ]


def _juvenile_at(record: Supervision, params: Params) -> bool:
    on = params.get("adopted_on") or timezone.localdate()
    return record.juvenile or age_on(record.case.offender.date_of_birth, on) < 18


def _plan_adopt_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "CCL Art 24")
    if unmet:
        return unmet
    record = Supervision.objects.get(case=case)
    if current_plan(record) is not None:
        return [Requirement("CCL Art 24", _("The plan is adopted: adjust it instead."))]
    return team_requires(record, active_members(record), juvenile=_juvenile_at(record, params))


def _plan_clean(case: Case, params: Params) -> None:
    _not_in_future(params["adopted_on"], "adopted_on")
    record = Supervision.objects.get(case=case)
    if params["adopted_on"] < timezone.localdate(record.opened_at):
        raise ValidationError(
            {"adopted_on": _("The plan cannot precede the reception into community correction.")}
        )
    plan = current_plan(record)
    if plan is not None and params["adopted_on"] < plan.adopted_on:
        raise ValidationError(
            {"adopted_on": _("An adjustment cannot precede the version it adjusts.")}
        )


def _plan_adopted(firing: Firing) -> CorrectionPlan:
    """The first version of the plan. The person is marked juvenile here if under 18 on the
    day of adoption: the plan is where the institution individualises the correction by age
    (CCL Arts 24, 52), the team must then include the guardian (Art 53), and the mark is
    taken once and kept: a juvenile who turns 18 stays under the juvenile provisions (Art 58),
    so it is never recomputed from the date of birth afterwards."""
    params = firing.params
    record = Supervision.objects.select_for_update().get(case=firing.case)
    if _juvenile_at(record, params):
        record.juvenile = True
    record.grade = params["grade"]
    record.save(update_fields=["juvenile", "grade"])
    plan = CorrectionPlan.objects.create(
        supervision=record,
        version=1,
        situation=params["situation"],
        measures=params["measures"],
        grade=params["grade"],
        adopted_on=params["adopted_on"],
        adopted_by=firing.actor,
    )
    firing.payload.update(plan_id=plan.pk, version=1, grade=plan.grade, juvenile=record.juvenile)
    _verification_clock_open(firing.case, plan.grade, _start_of(plan.adopted_on), firing)
    return plan


PLAN_ADOPT = Act(
    name="correction_plan_adopt",
    label=gettext_lazy("Adopt the correction plan"),
    article="CCL Art 24",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_plan_adopt_requires,
    clean=_plan_clean,
    effects=_plan_adopted,
    audit="supervision.correction_plan_adopt",
    params=PlanParams,
    result=PlanResult,
    example={
        "expected_state": "under_supervision",
        "situation": "男，56岁，肝硬化失代偿期，盗窃罪，悔罪态度较好",
        "measures": "每月走访一次；督促按期病情复查；保证人每周报告",
        "grade": "ordinary",
        "adopted_on": "2026-04-02",
    },
)


def _plan_adjust_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "CCL Art 24")
    if unmet:
        return unmet
    record = Supervision.objects.get(case=case)
    if current_plan(record) is None:
        return [Requirement("CCL Art 24", _("Adopt the correction plan first."))]
    return team_requires(record, active_members(record), juvenile=record.juvenile)


def _plan_adjusted(firing: Firing) -> CorrectionPlan:
    """The next version. A change of grade changes the verification frequency: the old
    grade's clock is waived and the new grade's opens from the day the adjustment is adopted
    (not from the last verification, so that a stricter grade is not overdue the day it is
    set)."""
    params = firing.params
    record = Supervision.objects.select_for_update().get(case=firing.case)
    previous = current_plan(record)
    assert previous is not None
    plan = CorrectionPlan.objects.create(
        supervision=record,
        version=previous.version + 1,
        situation=params["situation"],
        measures=params["measures"],
        grade=params["grade"],
        adopted_on=params["adopted_on"],
        adjustment_reason=params["reason"],
        adopted_by=firing.actor,
    )
    firing.payload.update(plan_id=plan.pk, version=plan.version, grade=plan.grade)
    if plan.grade != record.grade:
        firing.payload["grade_before"] = record.grade
        record.grade = plan.grade
        record.save(update_fields=["grade"])
        for deadline in deadlines_of(firing.case, kinds=ALL_VERIFICATION_CLOCKS).filter(
            status__in=OPEN_STATUSES
        ):
            deadline_waive(
                deadline=deadline, reason="supervision grade changed", actor=firing.actor
            )
        _verification_clock_open(firing.case, plan.grade, _start_of(plan.adopted_on), firing)
    return plan


PLAN_ADJUST = Act(
    name="correction_plan_adjust",
    label=gettext_lazy("Adjust the correction plan"),
    article="CCL Art 24",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_plan_adjust_requires,
    clean=_plan_clean,
    effects=_plan_adjusted,
    reason_param="reason",
    audit="supervision.correction_plan_adjust",
    params=PlanAdjustParams,
    result=PlanResult,
    example={
        "expected_state": "under_supervision",
        "situation": "表现良好，病情稳定",
        "measures": "每季度走访一次",
        "grade": "lenient",
        "adopted_on": "2026-10-08",
        "reason": "连续六个月表现良好",
    },
)


# The field verification log: 实地查访, 信息化核查, 视频点验 at the grade's frequency.


class VerificationParams(serializers.Serializer[Any]):
    method = serializers.ChoiceField(
        choices=VerificationMethod.choices,
        help_text="Field visit, information-system check or video roll-call.",
    )
    verified_at = serializers.DateTimeField(help_text="When the verification took place.")
    place = serializers.CharField(max_length=200, help_text="Where.")
    findings = serializers.CharField(help_text="What was found.")
    evidence = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Optional evidence (PDF, JPEG, PNG; the case file's upload checks).",
    )


class VerificationResult(serializers.ModelSerializer[FieldVerification]):
    class Meta:
        model = FieldVerification
        fields = ["id", "method", "verified_at", "place", "officer", "findings", "evidence"]


def _verification_requires(case: Case, params: Params) -> list[Requirement]:
    return _open_requires(case, "CCL Art 24")


def _verification_clean(case: Case, params: Params) -> None:
    at: dt.datetime = params["verified_at"]
    if at > timezone.now():
        raise ValidationError({"verified_at": _("The time is in the future.")})
    record = Supervision.objects.get(case=case)
    if at < record.opened_at:
        raise ValidationError({"verified_at": _("The verification cannot precede the reception.")})


def _verified(firing: Firing) -> FieldVerification:
    case, params = firing.case, firing.params
    record = Supervision.objects.get(case=case)
    upload = params.get("evidence")
    evidence = (
        evidence_store(
            case=case,
            actor=firing.actor,
            kind=EvidenceKind.OTHER,
            upload=upload,
            description=str(_("Evidence of a field verification")),
        )
        if upload
        else None
    )
    verification = FieldVerification.objects.create(
        supervision=record,
        method=params["method"],
        verified_at=params["verified_at"],
        place=params["place"],
        officer=firing.actor,
        findings=params["findings"],
        evidence=evidence,
    )
    firing.payload.update(field_verification_id=verification.pk, method=verification.method)
    if record.verifications.filter(verified_at__gt=verification.verified_at).exists():
        # Entered late, after a later one: the log keeps it, the clock runs from the later.
        return verification
    for code in ALL_VERIFICATION_CLOCKS:
        deadline_meet(
            subject=case,
            code=code,
            event="field verification recorded",
            actor=firing.actor,
            at=verification.verified_at,
        )
    if current_plan(record) is not None:
        _verification_clock_open(case, record.grade, verification.verified_at, firing)
    return verification


VERIFICATION_RECORD = Act(
    name="correction_verification_record",
    label=gettext_lazy("Record a field verification"),
    article="CCL Art 24",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_verification_requires,
    clean=_verification_clean,
    effects=_verified,
    audit="supervision.correction_verification_record",
    params=VerificationParams,
    result=VerificationResult,
    example={
        "expected_state": "under_supervision",
        "method": "home_visit",
        "verified_at": "2026-04-20T15:00:00+08:00",
        "place": "杭州市西湖区文三路12号住所",
        "findings": "本人在家，病情稳定，按时服药",
    },
)

#: The acts of this part, in the order they are usually taken.
CORRECTION_ACTS: dict[str, Act] = {
    act.name: act
    for act in (TEAM_MEMBER_ADD, TEAM_MEMBER_REMOVE, PLAN_ADOPT, PLAN_ADJUST, VERIFICATION_RECORD)
}
acts_register(CORRECTION_ACTS.values())

# The section of the community page (imported here, with the acts, at start-up).
from . import sections as _sections  # noqa: E402, F401
