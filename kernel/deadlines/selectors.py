"""The inbox: deadlines the user answers for, or supervises, soonest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from kernel.accounts.models import ProcuratorialAssignment, User
from kernel.accounts.roles import Role
from kernel.links import link_maker

from .kinds import KINDS
from .models import OPEN_STATUSES, Deadline, DeadlineStatus, SweepRun


def deadlines_of(
    subject: Model | type[Model], *, kinds: Iterable[str] | None = None
) -> QuerySet[Deadline]:
    """The statutory clocks of one subject (a case), optionally of some kinds, oldest first.

    With a model class instead of an instance, the clocks of every subject of that model:
    filter further with `subject_id=` (e.g. `OuterRef("pk")` in a list's subquery). The
    one place that knows clocks hang on their subject by content type."""
    model = subject if isinstance(subject, type) else type(subject)
    deadlines = Deadline.objects.filter(subject_type=ContentType.objects.get_for_model(model))
    if not isinstance(subject, type):
        deadlines = deadlines.filter(subject_id=subject.pk)
    if kinds is not None:
        deadlines = deadlines.filter(kind__in=list(kinds))
    return deadlines.order_by("created_at", "id")


def deadline_list_for_user(*, user: User) -> QuerySet[Deadline]:
    """Every deadline (any status) the user answers for, or supervises as procurator."""
    if not user.is_authenticated or user.organisation_id is None:
        return Deadline.objects.none()
    roles = user.role_codes
    codes = [c for c, k in KINDS.items() if (k.responsible_roles | k.head_roles) & roles]
    condition = Q(responsible_organisation_id=user.organisation_id, kind__in=codes)
    if Role.PROCURATOR in roles:
        supervised = ProcuratorialAssignment.objects.filter(
            procuratorate_id=user.organisation_id
        ).values("supervised")
        condition |= Q(responsible_organisation__in=supervised)
    return Deadline.objects.filter(condition).select_related("responsible_organisation")


def deadline_get_for_user(*, user: User, pk: int) -> Deadline:
    from django.http import Http404

    deadline = (
        deadline_list_for_user(user=user).prefetch_related("suspensions").filter(pk=pk).first()
    )
    if deadline is None:
        raise Http404
    return deadline


def deadline_inbox_for_user(*, user: User) -> QuerySet[Deadline]:
    """Open, overdue, suspended and provisional deadlines of the user's organisation whose
    kind the user's roles answer for; for a procurator, also the overdue deadlines of the
    organisations the procuratorate supervises. Soonest first: a provisional deadline sorts
    by its weekend-only estimate (`by_due_time`); one with neither date comes first."""
    if not user.is_authenticated or user.organisation_id is None:
        return Deadline.objects.none()
    roles = user.role_codes
    codes = [c for c, k in KINDS.items() if (k.responsible_roles | k.head_roles) & roles]
    condition = Q(
        responsible_organisation_id=user.organisation_id,
        kind__in=codes,
        status__in=[*OPEN_STATUSES, DeadlineStatus.SUSPENDED],
    )
    if Role.PROCURATOR in roles:
        supervised = ProcuratorialAssignment.objects.filter(
            procuratorate_id=user.organisation_id
        ).values("supervised")
        condition |= Q(responsible_organisation__in=supervised, status=DeadlineStatus.OVERDUE)
    # No join and no trace (the computation, shown on the deadline's own page): the inbox
    # reads the index `deadline_inbox_idx` in order and stops at its LIMIT (issue 15).
    return Deadline.objects.filter(condition).defer("trace").order_by(by_due_time(), "id")


def by_due_time() -> OrderBy:
    """Soonest first by the official due time, or else the estimate (a provisional clock
    sorts where its estimate falls); a clock with neither comes first."""
    return Coalesce(F("due_at"), F("estimated_due_at")).asc(nulls_first=True)


@dataclass(frozen=True)
class InboxRow:
    deadline: Deadline
    title: str
    days_left: int | None
    waited_days: int
    overdue: bool
    #: The deadline's page (one `reverse` for the whole list: `kernel.links`).
    url: str = ""
    #: The texts of the row in the active language, written once here rather than by a
    #: `{% blocktranslate %}` and a `|date` per row in the template (issue 15): the date shown
    #: (official or estimated) as YYYY-MM-DD, the time left or overdue, and the time waited.
    due_text: str = ""
    countdown: str = ""
    waited: str = ""

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def _countdown(days_left: int | None, overdue: bool) -> str:
    """The time left ("3 days left", "due today") or overdue ("2 days overdue"), in the
    messages the template used; an overdue clock whose date has not passed yet says
    "0 days overdue", as it did."""
    if days_left is None:
        return ""
    if overdue:
        return gettext("%(days)s days overdue") % {"days": max(-days_left, 0)}
    if days_left == 0:
        return gettext("due today")
    return gettext("%(days)s days left") % {"days": days_left}


def inbox_rows(deadlines: list[Deadline], *, today: dt.date | None = None) -> list[InboxRow]:
    today = today or timezone.localdate()
    link = link_maker("deadline_detail")
    rows = []
    for d in deadlines:
        due = d.shown_due_date  # the estimate when provisional; the row says which
        days_left = (due - today).days if due else None
        overdue = d.status == DeadlineStatus.OVERDUE or (days_left is not None and days_left < 0)
        waited_days = (today - timezone.localtime(d.trigger_at).date()).days
        rows.append(
            InboxRow(
                deadline=d,
                title=str(KINDS[d.kind].title) if d.kind in KINDS else d.kind,
                days_left=days_left,
                waited_days=waited_days,
                overdue=overdue,
                url=link(d.pk),
                due_text=due.isoformat() if due else "",
                countdown=_countdown(days_left, overdue),
                waited=gettext("%(days)s days") % {"days": waited_days},
            )
        )
    return rows


@dataclass(frozen=True)
class SweeperHealth:
    last_sweep_at: dt.datetime | None
    backlog: int
    stale: bool


STALE_AFTER = dt.timedelta(minutes=5)


def sweeper_health(*, now: dt.datetime | None = None) -> SweeperHealth:
    from .models import DeadlineRung

    now = now or timezone.now()
    last = SweepRun.objects.filter(finished_at__isnull=False).order_by("-started_at").first()
    backlog = DeadlineRung.objects.filter(
        fired_at__isnull=True, fires_at__lte=now, deadline__status__in=OPEN_STATUSES
    ).count()
    last_at = last.finished_at if last else None
    return SweeperHealth(last_at, backlog, last_at is None or now - last_at > STALE_AFTER)
