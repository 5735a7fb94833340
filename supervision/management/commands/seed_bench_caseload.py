"""Put the benchmark's cases (`seed_bench`) under community correction, in bulk and with a
fixed seed: one community-correction institution per province, one supervision record per
case with its grade, warnings, monitoring and nursing ends, expiry, and the open clock of the
next review (D-15), some overdue and some estimated. User `bench_officer` works at the first
province's institution."""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant
from kernel.accounts.models import Organisation, RoleGrant, User
from kernel.accounts.roles import Level, OrganisationType, Role
from kernel.deadlines.models import Deadline, DeadlineStatus
from supervision.models import Supervision, SupervisionGrade

PREFIX = "BENCH"
BATCH = 5000
GRADES = list(SupervisionGrade.values)


class Command(BaseCommand):
    help = "Open a supervision record and its review clock for every benchmark case."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=20200701)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rng = random.Random(options["seed"])
        with transaction.atomic():
            count = caseload_seed(rng)
        if options["verbosity"] > 0:
            self.stdout.write(
                f"{count} benchmark cases under supervision in "
                f"{time.perf_counter() - started:.1f} s (user bench_officer)."
            )


def _cci(code: str) -> Organisation:
    cci, _created = Organisation.objects.get_or_create(
        name=f"{PREFIX} {code} 社区矫正机构",
        defaults={
            "type": OrganisationType.COMMUNITY_CORRECTION,
            "level": Level.COUNTY,
            "region_code": f"{code}0101",
        },
    )
    return cci


def caseload_seed(rng: random.Random) -> int:
    """Every benchmark case without a supervision record gets one; returns how many."""
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    with connection.cursor() as cursor:
        # Just after `seed_bench`'s bulk inserts the planner's statistics are stale: without
        # them the query below takes minutes at 100,000 cases.
        cursor.execute("ANALYZE")
    case_type = ContentType.objects.get_for_model(Case)
    pending = (
        Case.objects.filter(number__startswith=f"{PREFIX}-", supervision__isnull=True)
        .select_related("offender__custodian")
        .order_by("pk")
    )
    ccis: dict[str, Organisation] = {}
    count = 0
    cases = list(pending)
    for lo in range(0, len(cases), BATCH):
        chunk = cases[lo : lo + BATCH]
        records, participants, clocks = [], [], []
        for case in chunk:
            custodian = case.offender.custodian
            assert custodian is not None  # every benchmark offender is in a prison
            code = custodian.region_code[:2]
            cci = ccis.get(code) or ccis.setdefault(code, _cci(code))
            opened = today - dt.timedelta(days=rng.randint(1, 700))
            pregnancy = rng.random() < 0.05
            records.append(
                Supervision(
                    case=case,
                    executing_cci=cci,
                    # `seed_bench`: the prison's parent, its administration, decided.
                    deciding_organ_id=custodian.parent_id,
                    custodial_institution=custodian,
                    ground_medical=not pregnancy,
                    ground_pregnancy=pregnancy,
                    expiry_date=today + dt.timedelta(days=rng.randint(20, 2000)),
                    opened_at=dt.datetime.combine(opened, dt.time(10), tzinfo=tz),
                    grade=rng.choice(GRADES),
                    juvenile=rng.random() < 0.02,
                    warning_count=rng.choice((0, 0, 0, 0, 1, 2)),
                    monitoring_ends_on=(
                        today + dt.timedelta(days=rng.randint(1, 90))
                        if rng.random() < 0.1
                        else None
                    ),
                    nursing_ends_on=(
                        today + dt.timedelta(days=rng.randint(1, 365)) if pregnancy else None
                    ),
                )
            )
            participants.append(
                CaseParticipant(case=case, organisation=cci, capacity=Capacity.EXECUTING_CCI)
            )
            due = today + dt.timedelta(days=rng.randint(-20, 90))
            estimated = due.year > today.year and rng.random() < 0.5
            clocks.append(
                Deadline(
                    kind="D-15",
                    subject_type=case_type,
                    subject_id=case.pk,
                    subject_label=case.number,
                    trigger_event="reception or previous review",
                    trigger_at=dt.datetime.combine(opened, dt.time(10), tzinfo=tz),
                    unit="months",
                    amount=3,
                    legal_basis="P2014 Art 21",
                    responsible_organisation=cci,
                    status=DeadlineStatus.OVERDUE if due < today else DeadlineStatus.OPEN,
                    due_date=None if estimated else due,
                    due_at=None
                    if estimated
                    else dt.datetime.combine(due, dt.time(23, 59), tzinfo=tz),
                    provisional_year=due.year if estimated else None,
                    estimated_due_date=due if estimated else None,
                    estimated_due_at=(
                        dt.datetime.combine(due, dt.time(23, 59), tzinfo=tz) if estimated else None
                    ),
                )
            )
        Supervision.objects.bulk_create(records, batch_size=BATCH)
        CaseParticipant.objects.bulk_create(participants, batch_size=BATCH)
        Deadline.objects.bulk_create(clocks, batch_size=BATCH)
        count += len(chunk)
    first = ccis.get("11") or _cci("11")
    if not User.objects.filter(username="bench_officer").exists():
        user = User.objects.create_user(username="bench_officer", organisation=first)
        RoleGrant.objects.create(user=user, role=Role.CORRECTION_OFFICER)
    return count
