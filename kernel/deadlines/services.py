"""Opening, meeting, waiving, suspending and recomputing statutory deadlines, and the sweeper
that fires the alert ladder. Every change is an audit event."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernel.accounts.models import Organisation, ProcuratorialAssignment, User
from kernel.accounts.roles import Role
from kernel.audit.services import AuditEntry, audit_record, audit_record_many
from kernel.bulk import copy_rows
from kernel.notices.services import NoticeDraft, notice_send, notices_send
from kernel.workcalendar.clock import (
    CalendarNotLoaded,
    Due,
    Unit,
    WorkingCalendar,
    add_calendar_days,
    add_hours,
    add_months,
    add_working_days,
    estimate,
)
from kernel.workcalendar.services import calendar_load

from .kinds import DeadlineKind, kind
from .models import (
    OPEN_STATUSES,
    Deadline,
    DeadlineRung,
    DeadlineStatus,
    DeadlineSuspension,
    Rung,
    SweepRun,
)


def _tz() -> dt.tzinfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(_tz()).date()


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=_tz())


def compute_due(
    spec: DeadlineKind, trigger_at: dt.datetime, *, region_code: str = "", in_custody: bool = False
) -> Due:
    """The due date of a clock started at `trigger_at` (raises CalendarNotLoaded)."""
    if spec.unit == Unit.HOURS:
        return add_hours(trigger_at, spec.amount)
    return _period(spec, trigger_at, in_custody=in_custody)(calendar_load(region_code=region_code))


def compute_estimate(
    spec: DeadlineKind, trigger_at: dt.datetime, *, region_code: str = "", in_custody: bool = False
) -> Due:
    """The weekend-only estimate of a clock that reaches an unloaded year (never official:
    its trace names the estimated years and days)."""
    return estimate(
        calendar_load(region_code=region_code), _period(spec, trigger_at, in_custody=in_custody)
    )


def _period(
    spec: DeadlineKind, trigger_at: dt.datetime, *, in_custody: bool
) -> Callable[[WorkingCalendar], Due]:
    start = _local_date(trigger_at)
    if spec.unit == Unit.WORKING_DAYS:
        return lambda calendar: add_working_days(calendar, start, spec.amount)
    if spec.unit == Unit.CALENDAR_DAYS:
        return lambda calendar: add_calendar_days(
            calendar, start, spec.amount, roll_over=spec.roll_over, in_custody=in_custody
        )
    return lambda calendar: add_months(
        calendar, start, spec.amount, roll_over=spec.roll_over, in_custody=in_custody
    )


def _due_instant(due: Due) -> tuple[dt.date, dt.datetime]:
    """A period in days ends at 24:00 of its last day (CPL Art 105)."""
    if isinstance(due.due, dt.datetime):
        return _local_date(due.due), due.due
    return due.due, _start_of(due.due + dt.timedelta(days=1))


def _trace_json(due: Due) -> dict[str, Any]:
    data = asdict(due.trace)

    def plain(value: Any) -> Any:
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return plain(data)  # type: ignore[no-any-return]


def _rung_times(
    spec: DeadlineKind, due_date: dt.date, due_at: dt.datetime, *, estimate: bool = False
) -> dict[str, dt.datetime]:
    if estimate:
        # On an estimate the officer is warned (due soon, due today, overdue) but nobody is
        # escalated to: the official date is not known yet.
        return {
            rung: at
            for rung, at in _rung_times(spec, due_date, due_at).items()
            if rung != Rung.ESCALATED
        }
    if spec.unit == Unit.HOURS:
        return {
            Rung.DUE_SOON: due_at - dt.timedelta(hours=6),
            Rung.DUE_TODAY: due_at - dt.timedelta(hours=1),
            Rung.OVERDUE: due_at,
            Rung.ESCALATED: due_at + dt.timedelta(hours=1),
        }
    return {
        Rung.DUE_SOON: _start_of(due_date - dt.timedelta(days=spec.policy.due_soon_days)),
        Rung.DUE_TODAY: _start_of(due_date),
        Rung.OVERDUE: due_at,
        Rung.ESCALATED: due_at + dt.timedelta(days=spec.policy.escalate_after_days),
    }


def _apply_due(
    deadline: Deadline,
    spec: DeadlineKind,
    due: Due | None,
    missing_year: int | None,
    estimated: Due | None = None,
) -> None:
    """The official date, or (no official date) the missing year and the estimate, which
    never goes into due_date/due_at."""
    if due is None:
        deadline.due_date = None
        deadline.due_at = None
        deadline.provisional_year = missing_year
        deadline.trace = {"provisional": True, "calendar_not_loaded": missing_year}
        deadline.estimated_due_date = deadline.estimated_due_at = None
        if estimated is not None:
            deadline.estimated_due_date, deadline.estimated_due_at = _due_instant(estimated)
            deadline.trace["estimate"] = _trace_json(estimated)
        return
    deadline.due_date, deadline.due_at = _due_instant(due)
    deadline.provisional_year = None
    deadline.estimated_due_date = deadline.estimated_due_at = None
    deadline.trace = _trace_json(due)


def _compute(
    deadline: Deadline, spec: DeadlineKind, trigger_at: dt.datetime, *, region_code: str = ""
) -> None:
    """Compute and apply the due date; an unloaded year gives the estimate instead (E-01)."""
    try:
        due = compute_due(spec, trigger_at, region_code=region_code, in_custody=deadline.in_custody)
    except CalendarNotLoaded as exc:
        estimated = compute_estimate(
            spec, trigger_at, region_code=region_code, in_custody=deadline.in_custody
        )
        _apply_due(deadline, spec, None, exc.year, estimated)
    else:
        _apply_due(deadline, spec, due, None)


def _write_rungs(deadline: Deadline, spec: DeadlineKind) -> None:
    """(Re)write the rungs not fired yet; fired rungs stay as history."""
    DeadlineRung.objects.filter(deadline=deadline, fired_at__isnull=True).delete()
    due_date, due_at = deadline.shown_due_date, deadline.shown_due_at
    if due_date is None or due_at is None:
        return
    fired = set(DeadlineRung.objects.filter(deadline=deadline).values_list("rung", flat=True))
    times = _rung_times(spec, due_date, due_at, estimate=deadline.is_estimate)
    DeadlineRung.objects.bulk_create(
        DeadlineRung(deadline=deadline, rung=rung, fires_at=at)
        for rung, at in times.items()
        if rung not in fired
    )


@transaction.atomic
def deadline_open(
    *,
    code: str,
    subject: models.Model,
    trigger_at: dt.datetime,
    responsible_organisation: Organisation,
    actor: Any,
    region_code: str = "",
    in_custody: bool = False,
) -> Deadline:
    """Start a statutory clock. A period reaching an unloaded calendar year is stored as
    provisional, with no official date but a weekend-only estimate kept apart from it, and
    the system administrators are alerted (E-01)."""
    spec = kind(code)
    deadline = Deadline(
        kind=code,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        subject_label=str(subject)[:120],
        subject_url=subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "",
        trigger_event=str(spec.trigger),
        trigger_at=trigger_at,
        unit=spec.unit.value,
        amount=spec.amount,
        legal_basis=spec.article,
        responsible_organisation=responsible_organisation,
        in_custody=in_custody,
    )
    _compute(deadline, spec, trigger_at, region_code=region_code)
    missing = deadline.provisional_year
    deadline.save()
    _write_rungs(deadline, spec)
    audit_record(
        actor=actor,
        action="deadline.opened",
        obj=subject,
        payload={
            "deadline": deadline.pk,
            "kind": code,
            "due": deadline.due_date.isoformat() if deadline.due_date else None,
            "provisional_year": missing,
            "estimated_due": deadline.estimated_due_date.isoformat()
            if deadline.estimated_due_date
            else None,
        },
    )
    if missing is not None:
        _alert_calendar_missing(deadline, missing)
    return deadline


def _alert_calendar_missing(deadline: Deadline, year: int) -> None:
    admins = User.objects.filter(role_grants__role=Role.SYSTEM_ADMIN, is_active=True)
    notice_send(
        recipients=admins,
        key=f"calendar-missing:{year}:{deadline.pk}",
        subject=_("Calendar for %(year)s not loaded: a deadline is provisional") % {"year": year},
        body=_(
            "%(kind)s on %(subject)s cannot be computed until the State Council's schedule "
            "for %(year)s is entered."
        )
        % {"kind": deadline.kind, "subject": deadline.subject_label, "year": year},
        link="/calendar/years/import/",
        severity="warning",
    )


def _open_for(subject: models.Model, code: str) -> models.QuerySet[Deadline]:
    return Deadline.objects.select_for_update().filter(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        kind=code,
        status__in=[*OPEN_STATUSES, DeadlineStatus.SUSPENDED],
    )


@transaction.atomic
def deadline_meet(
    *, subject: models.Model, code: str, event: str, actor: Any, at: dt.datetime | None = None
) -> list[Deadline]:
    """The event that satisfies a clock closes it (met, even if late: the lateness stays
    visible as met_at > due_at)."""
    at = at or timezone.now()
    met = []
    for deadline in _open_for(subject, code):
        deadline.status = DeadlineStatus.MET
        deadline.met_at = at
        deadline.met_by = event[:120]
        deadline.save(update_fields=["status", "met_at", "met_by", "updated_at"])
        audit_record(
            actor=actor,
            action="deadline.met",
            obj=subject,
            reason=event,
            payload={
                "deadline": deadline.pk,
                "kind": code,
                "late": bool(deadline.due_at and at > deadline.due_at),
            },
        )
        met.append(deadline)
    return met


@transaction.atomic
def deadline_waive(*, deadline: Deadline, reason: str, actor: Any) -> Deadline:
    if not reason.strip():
        raise ValidationError(_("Give the reason the deadline no longer applies."))
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.status not in (*OPEN_STATUSES, DeadlineStatus.SUSPENDED):
        raise ValidationError(_("Only an open deadline can be waived."))
    before = deadline.status
    deadline.status = DeadlineStatus.WAIVED
    deadline.waived_reason = reason
    deadline.save(update_fields=["status", "waived_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="deadline.waived",
        obj=deadline,
        reason=reason,
        from_state=before,
        to_state=deadline.status,
    )
    return deadline


@transaction.atomic
def deadline_suspend(
    *, deadline: Deadline, reason: str, actor: Any, at: dt.datetime | None = None
) -> Deadline:
    if not reason.strip():
        raise ValidationError(_("Give the reason for the pause."))
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.status not in OPEN_STATUSES:
        raise ValidationError(_("Only an open deadline can be paused."))
    before = deadline.status
    deadline.status = DeadlineStatus.SUSPENDED
    deadline.save(update_fields=["status", "updated_at"])
    DeadlineSuspension.objects.create(
        deadline=deadline,
        paused_at=at or timezone.now(),
        reason=reason,
        paused_by=getattr(actor, "username", ""),
    )
    DeadlineRung.objects.filter(deadline=deadline, fired_at__isnull=True).delete()
    audit_record(
        actor=actor,
        action="deadline.suspended",
        obj=deadline,
        reason=reason,
        from_state=before,
        to_state=deadline.status,
    )
    return deadline


@transaction.atomic
def deadline_resume(*, deadline: Deadline, actor: Any, at: dt.datetime | None = None) -> Deadline:
    """Resume: the due date moves by the paused time, counted in the clock's own unit."""
    at = at or timezone.now()
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    pause = deadline.suspensions.filter(resumed_at__isnull=True).first()
    if deadline.status != DeadlineStatus.SUSPENDED or pause is None:
        raise ValidationError(_("The deadline is not paused."))
    pause.resumed_at = at
    pause.save(update_fields=["resumed_at"])
    spec = kind(deadline.kind)
    if deadline.due_date is not None and deadline.due_at is not None:
        shifted = _shift(deadline, spec, pause.paused_at, at)
        deadline.due_date, deadline.due_at = _due_instant(shifted)
        deadline.trace = {
            **deadline.trace,
            "suspensions": [
                *deadline.trace.get("suspensions", []),
                {
                    "paused_at": pause.paused_at.isoformat(),
                    "resumed_at": at.isoformat(),
                    "reason": pause.reason,
                    "moved_to": deadline.due_date.isoformat(),
                },
            ],
        }
    deadline.status = DeadlineStatus.OPEN
    deadline.save()
    _write_rungs(deadline, spec)
    audit_record(
        actor=actor,
        action="deadline.resumed",
        obj=deadline,
        from_state=DeadlineStatus.SUSPENDED,
        to_state=deadline.status,
        payload={"due": deadline.due_date.isoformat() if deadline.due_date else None},
    )
    return deadline


def _shift(
    deadline: Deadline, spec: DeadlineKind, paused: dt.datetime, resumed: dt.datetime
) -> Due:
    assert deadline.due_date is not None and deadline.due_at is not None
    if spec.unit == Unit.HOURS:
        hours = max(int((resumed - paused).total_seconds() // 3600), 0)
        moved = deadline.due_at + dt.timedelta(hours=hours)
        return Due(due=moved, trace=add_hours(paused, 1).trace)
    calendar = calendar_load()
    first, last = _local_date(paused), _local_date(resumed)
    if spec.unit == Unit.WORKING_DAYS:
        paused_days = sum(
            1
            for i in range((last - first).days)
            if calendar.is_working_day(first + dt.timedelta(days=i + 1))
        )
        if paused_days == 0:
            return Due(due=deadline.due_date, trace=add_working_days(calendar, first, 1).trace)
        return add_working_days(calendar, deadline.due_date, paused_days)
    days = (last - first).days
    if days == 0:
        return Due(due=deadline.due_date, trace=add_calendar_days(calendar, first, 1).trace)
    return add_calendar_days(calendar, deadline.due_date, days, in_custody=deadline.in_custody)


@transaction.atomic
def deadline_retrigger(
    *, deadline: Deadline, trigger_at: dt.datetime, reason: str, actor: Any
) -> Deadline:
    """The event a clock runs from has moved (a ruling not to count a period moves the
    sentence's expiry, and with it the expiry notice's window): the due date is computed again
    from the new trigger on the same calendar, the alert rungs rewritten, and the change
    audited with both dates."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.status not in OPEN_STATUSES:
        raise ValidationError(_("Only an open deadline can be recomputed."))
    spec = kind(deadline.kind)
    before = deadline.due_date
    deadline.trigger_at = trigger_at
    _compute(deadline, spec, trigger_at)
    deadline.save()
    _write_rungs(deadline, spec)
    audit_record(
        actor=actor,
        action="deadline.recomputed",
        obj=deadline,
        reason=reason,
        payload={
            "before": before.isoformat() if before else None,
            "after": deadline.due_date.isoformat() if deadline.due_date else None,
            "trigger_at": trigger_at.isoformat(),
        },
    )
    return deadline


#: Deadlines recomputed per round of `deadlines_recompute_for_year` (a handful of statements
#: each, whatever the size).
RECOMPUTE_CHUNK = 5000


@transaction.atomic
def deadlines_recompute_for_year(*, year: int, actor: Any) -> int:
    """After a year's calendar is loaded or corrected: recompute every open deadline whose
    period touches that year, and every provisional one waiting for it.

    Set-based, in chunks: a due date depends only on the kind, the local day the clock started
    and custody, so each distinct one is counted once; each chunk's changed deadlines are
    written in one UPDATE, their pending rungs replaced in two statements, and their audit
    events (one per deadline, as before) appended in one (`audit_record_many`)."""
    touched = (
        Deadline.objects.select_for_update()
        .filter(
            Q(provisional_year=year)
            | Q(due_date__year=year)
            | Q(trigger_at__year=year, due_date__year__gte=year),
            status__in=OPEN_STATUSES,
        )
        .exclude(unit=Unit.HOURS)
        .order_by("pk")
    )
    ids = list(touched.values_list("pk", flat=True))
    computed: dict[tuple[str, dt.date, bool], Deadline] = {}
    changed = 0
    for start in range(0, len(ids), RECOMPUTE_CHUNK):
        chunk = Deadline.objects.filter(pk__in=ids[start : start + RECOMPUTE_CHUNK]).order_by("pk")
        changed += _recompute_chunk(list(chunk), year=year, actor=actor, computed=computed)
    return changed


_RECOMPUTED = ("due_date", "due_at", "provisional_year", "estimated_due_date", "estimated_due_at")


def _recompute_chunk(
    deadlines: list[Deadline],
    *,
    year: int,
    actor: Any,
    computed: dict[tuple[str, dt.date, bool], Deadline],
) -> int:
    changed: list[tuple[Deadline, dt.date | None, dt.date | None]] = []
    for deadline in deadlines:
        spec = kind(deadline.kind)
        key = (deadline.kind, _local_date(deadline.trigger_at), deadline.in_custody)
        result = computed.get(key)
        if result is None:
            result = Deadline(kind=deadline.kind, in_custody=deadline.in_custody)
            _compute(result, spec, deadline.trigger_at)
            computed[key] = result
        if all(getattr(deadline, f) == getattr(result, f) for f in _RECOMPUTED):
            continue
        before, before_estimate = deadline.due_date, deadline.estimated_due_date
        for field_ in (*_RECOMPUTED, "trace"):
            setattr(deadline, field_, getattr(result, field_))
        changed.append((deadline, before, before_estimate))
    if not changed:
        return 0
    now = timezone.now()
    table = Deadline._meta.db_table
    rows = [d for d, _before, _estimate in changed]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS recomputed_deadline (id bigint, due_date date, "
            "due_at timestamptz, provisional_year integer, estimated_due_date date, "
            "estimated_due_at timestamptz, trace jsonb) ON COMMIT DROP"
        )
        cursor.execute("TRUNCATE recomputed_deadline")
    copy_rows(
        "recomputed_deadline",
        ("id", *_RECOMPUTED, "trace"),
        (
            (
                d.pk,
                d.due_date,
                d.due_at,
                d.provisional_year,
                d.estimated_due_date,
                d.estimated_due_at,
                json.dumps(d.trace),
            )
            for d in rows
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} d SET due_date = n.due_date, due_at = n.due_at,
                provisional_year = n.provisional_year, estimated_due_date = n.estimated_due_date,
                estimated_due_at = n.estimated_due_at, trace = n.trace, updated_at = %s
            FROM recomputed_deadline n WHERE d.id = n.id
            """,  # noqa: S608 - the table name is the model's, never input
            [now],
        )
    _rewrite_rungs(rows)
    audit_record_many(
        actor=actor,
        action="deadline.recomputed",
        entries=[
            AuditEntry(
                obj=deadline,
                reason=f"calendar {year} changed",
                payload={
                    "before": before.isoformat() if before else None,
                    "after": deadline.due_date.isoformat() if deadline.due_date else None,
                    "estimate_before": before_estimate.isoformat() if before_estimate else None,
                    "estimate_after": deadline.estimated_due_date.isoformat()
                    if deadline.estimated_due_date
                    else None,
                },
            )
            for deadline, before, before_estimate in changed
        ],
    )
    return len(changed)


def _rewrite_rungs(deadlines: list[Deadline]) -> None:
    """`_write_rungs` for many deadlines in three statements."""
    ids = [d.pk for d in deadlines]
    DeadlineRung.objects.filter(deadline_id__in=ids, fired_at__isnull=True).delete()
    fired: dict[int, set[str]] = {}
    for deadline_id, rung in DeadlineRung.objects.filter(deadline_id__in=ids).values_list(
        "deadline_id", "rung"
    ):
        fired.setdefault(deadline_id, set()).add(rung)
    new: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    for deadline in deadlines:
        due_date, due_at = deadline.shown_due_date, deadline.shown_due_at
        if due_date is None or due_at is None:
            continue
        times = _rung_times(kind(deadline.kind), due_date, due_at, estimate=deadline.is_estimate)
        for rung, at in times.items():
            if rung not in fired.get(deadline.pk, ()):
                new[0].append(deadline.pk)
                new[1].append(str(rung))
                new[2].append(at)
    if new[0]:
        copy_rows(
            DeadlineRung._meta.db_table, ("deadline_id", "rung", "fires_at"), zip(*new, strict=True)
        )


def _rung_templates() -> tuple[str, str]:
    """The bodies of a rung's notice, official and estimate, in the active language."""
    return (
        _("%(basis)s; due %(due)s"),
        _(
            "%(basis)s; estimated due %(due)s — an estimate, not the official date: the "
            "working-day calendar for %(year)s is not loaded, so it was counted with weekends "
            "only"
        ),
    )


def _rung_body(deadline: Deadline | _DueRung, templates: tuple[str, str] | None = None) -> str:
    official, estimate = templates or _rung_templates()
    if deadline.is_estimate:
        return estimate % {
            "basis": deadline.legal_basis,
            "due": deadline.estimated_due_date,
            "year": deadline.provisional_year,
        }
    return official % {"basis": deadline.legal_basis, "due": deadline.due_date}


def _recipients_for(
    deadline: Deadline | _DueRung, rung: str, *, estimate: bool = False
) -> list[User]:
    """Who of the responsible organisation a rung tells. The supervising procuratorates are told
    apart, once per deadline (`_procuratorates_watching`)."""
    spec = kind(deadline.kind)
    roles = set(spec.head_roles if rung == Rung.ESCALATED else spec.responsible_roles)
    if rung == Rung.OVERDUE:
        roles |= spec.head_roles
    return list(
        User.objects.filter(
            organisation_id=deadline.responsible_organisation_id,
            is_active=True,
            role_grants__role__in=roles,
        ).distinct()
    )


#: Hooks of the apps above the kernel naming more procuratorates to tell when a deadline falls
#: overdue: each maps deadlines to {deadline id: procuratorate ids} (e.g. the procuratorates
#: taking part in the case a deadline is on; `procuracy.receipt.alerts`).
class WatchedDeadline(Protocol):
    """What a watchers' hook reads of a deadline (a `Deadline`, or the sweep's claimed rung)."""

    @property
    def pk(self) -> Any: ...
    @property
    def subject_type_id(self) -> Any: ...
    @property
    def subject_id(self) -> Any: ...
    @property
    def responsible_organisation_id(self) -> Any: ...


DeadlineWatchers = Callable[[Sequence[WatchedDeadline]], dict[int, set[int]]]
_WATCHERS: list[DeadlineWatchers] = []


def deadline_watchers_register(hook: DeadlineWatchers) -> DeadlineWatchers:
    if hook not in _WATCHERS:
        _WATCHERS.append(hook)
    return hook


def _procuratorates_watching(deadlines: Sequence[WatchedDeadline]) -> dict[int, set[int]]:
    """For each deadline, the procuratorates to tell once it is overdue: every procuratorate
    supervising the responsible organisation (`ProcuratorialAssignment`: prisons, detention
    centres, approving authorities, community-correction institutions, courts, whatever is
    assigned) and those the registered hooks name. One query per hook, one for the assignments."""
    organisations = {d.responsible_organisation_id for d in deadlines}
    supervising: dict[int, set[int]] = {}
    for supervised, procuratorate in ProcuratorialAssignment.objects.filter(
        supervised_id__in=organisations
    ).values_list("supervised_id", "procuratorate_id"):
        supervising.setdefault(supervised, set()).add(procuratorate)
    watching = {d.pk: set(supervising.get(d.responsible_organisation_id, ())) for d in deadlines}
    for hook in _WATCHERS:
        for deadline_id, procuratorates in hook(deadlines).items():
            watching.setdefault(deadline_id, set()).update(procuratorates)
    return watching


def _procurators_of(procuratorates: set[int]) -> dict[int, list[User]]:
    """The active procurators of these procuratorates, in one query."""
    found: dict[int, list[User]] = {}
    if not procuratorates:
        return found
    for user in User.objects.filter(
        organisation_id__in=procuratorates, is_active=True, role_grants__role=Role.PROCURATOR
    ).distinct():
        assert user.organisation_id is not None
        found.setdefault(user.organisation_id, []).append(user)
    return found


def sweep(*, now: dt.datetime | None = None, batch: int = 5000) -> SweepRun:
    """Fire every due rung exactly once and mark passed deadlines overdue.

    Set-based: due rungs are selected by the partial index on `fires_at` (pending rungs
    only) and claimed with a conditional UPDATE, so a second sweeper, or a second run,
    fires nothing again.
    """
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        return _sweep(now, batch)


@dataclass(frozen=True, slots=True)
class _DueRung:
    """A rung this sweep claimed, with what its notices say about its deadline (read in the
    claiming statement: a model instance per rung cost more than the database's work)."""

    rung_id: int
    rung: str
    deadline_id: int
    kind: str
    subject_type_id: int
    subject_id: int
    subject_label: str
    subject_url: str
    legal_basis: str
    responsible_organisation_id: int
    due_date: dt.date | None
    provisional_year: int | None
    estimated_due_date: dt.date | None

    @property
    def is_estimate(self) -> bool:
        return self.due_date is None and self.estimated_due_date is not None

    @property
    def pk(self) -> int:
        """The deadline's, as the watchers' hooks read it (`WatchedDeadline`)."""
        return self.deadline_id


# Claims at most %(batch)s due rungs of open deadlines, soonest first, in one statement:
# SKIP LOCKED leaves rungs another sweeper is claiming to it, and `fired_at IS NULL`, checked
# again on the locked row, makes a rung fire once however many sweepers run.
_CLAIM_SQL = """
WITH due AS MATERIALIZED (
    SELECT p.id FROM {rung} p
    WHERE p.fired_at IS NULL AND p.fires_at <= %(now)s AND EXISTS (
        SELECT 1 FROM {deadline} q WHERE q.id = p.deadline_id AND q.status = ANY(%(open)s))
    ORDER BY p.fires_at LIMIT %(batch)s
    FOR UPDATE OF p SKIP LOCKED
)
UPDATE {rung} r SET fired_at = %(now)s
FROM due, {deadline} d
WHERE r.id = due.id AND d.id = r.deadline_id AND r.fired_at IS NULL
RETURNING r.id, r.rung, d.id, d.kind, d.subject_type_id, d.subject_id, d.subject_label,
    d.subject_url, d.legal_basis, d.responsible_organisation_id, d.due_date,
    d.provisional_year, d.estimated_due_date
"""


def _claim(now: dt.datetime, batch: int) -> list[_DueRung]:
    sql = _CLAIM_SQL.format(rung=DeadlineRung._meta.db_table, deadline=Deadline._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"now": now, "open": [str(s) for s in OPEN_STATUSES], "batch": batch})
        return [_DueRung(*row) for row in cursor.fetchall()]


def _sweep(now: dt.datetime, batch: int) -> SweepRun:
    run = SweepRun.objects.create(started_at=timezone.now())
    overdue = Deadline.objects.filter(status=DeadlineStatus.OPEN, due_at__lte=now).update(
        status=DeadlineStatus.OVERDUE
    )
    fired = 0
    # Recipients depend only on the organisation, the kind and the rung: look them up once;
    # so do the subject lines' words.
    recipients: dict[tuple[int, str, str, bool], tuple[User, ...]] = {}
    headings: dict[tuple[str, str], str] = {}
    templates = _rung_templates()

    def heading(code: str, rung: str) -> str:
        if (code, rung) not in headings:
            headings[code, rung] = f"{Rung(rung).label}：{kind(code).title}"
        return headings[code, rung]

    while True:
        with transaction.atomic():
            rungs = _claim(now, batch)
            if not rungs:
                break
            drafts = []
            # An overdue statutory deadline is also told to the procuratorates watching it, once
            # per deadline (the overdue and escalated rungs share the key); an estimate is not:
            # they hear of it once its date is official.
            told = {
                r.deadline_id: r
                for r in rungs
                if r.rung in (Rung.OVERDUE, Rung.ESCALATED) and not r.is_estimate
            }
            watching = _procuratorates_watching(list(told.values())) if told else {}
            procurators = _procurators_of(set().union(*watching.values()) if watching else set())
            for rung in rungs:
                danger = rung.rung in (Rung.OVERDUE, Rung.ESCALATED)
                body = _rung_body(rung, templates)
                watchers = [
                    user
                    for procuratorate in sorted(watching.get(rung.deadline_id, ()))
                    if procuratorate != rung.responsible_organisation_id  # told above
                    for user in procurators.get(procuratorate, ())
                ]
                if watchers and danger:
                    drafts.append(
                        NoticeDraft(
                            recipients=tuple(watchers),
                            key=f"deadline-overdue:{rung.deadline_id}",
                            subject=f"{heading(rung.kind, Rung.OVERDUE)}（{rung.subject_label}）",
                            body=body,
                            link=rung.subject_url,
                            severity="danger",
                        )
                    )
                who = (rung.responsible_organisation_id, rung.kind, rung.rung, rung.is_estimate)
                if who not in recipients:
                    recipients[who] = tuple(
                        _recipients_for(rung, rung.rung, estimate=rung.is_estimate)
                    )
                drafts.append(
                    NoticeDraft(
                        recipients=recipients[who],
                        key=f"rung:{rung.rung_id}",
                        subject=f"{heading(rung.kind, rung.rung)}（{rung.subject_label}）",
                        body=body,
                        link=rung.subject_url,
                        severity="danger" if danger else "info",
                    )
                )
            notices_send(drafts)
            fired += len(rungs)
    run.finished_at = timezone.now()
    run.rungs_fired = fired
    run.marked_overdue = overdue
    run.save(update_fields=["finished_at", "rungs_fired", "marked_overdue"])
    return run


def sweeper_alert_if_stale(*, now: dt.datetime | None = None) -> bool:
    """A stale sweeper is itself an alert: tell the system administrators (once an hour)."""
    from .selectors import sweeper_health

    now = now or timezone.now()
    state = sweeper_health(now=now)
    if not state.stale:
        return False
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        admins = User.objects.filter(role_grants__role=Role.SYSTEM_ADMIN, is_active=True)
        notice_send(
            recipients=admins,
            key=f"sweeper-stale:{now:%Y%m%d%H}",
            subject=_("The deadline sweeper has not run since %(when)s")
            % {
                "when": timezone.localtime(state.last_sweep_at).strftime("%Y-%m-%d %H:%M")
                if state.last_sweep_at
                else _("never")
            },
            body=_("%(backlog)s alerts are waiting. Check the Celery beat and worker.")
            % {"backlog": state.backlog},
            link="/health/deadlines/",
            severity="danger",
        )
    return True
