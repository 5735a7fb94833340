"""A deterministic synthetic data set for benchmarks: ten provinces, bulk inserts."""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from cases import sentence as arithmetic
from cases.identity import identity_check_character
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, Offender, Sentence
from kernel.accounts.models import Organisation, ProcuratorialAssignment, RoleGrant, User
from kernel.accounts.roles import Level, OrganisationType, Role

PREFIX = "BENCH"
PROVINCES = ["11", "31", "32", "33", "35", "37", "42", "44", "51", "61"]
PRISONS_PER_PROVINCE = 3
BATCH = 5000
BENCH_PASSWORD = "bench-pass-2026"  # noqa: S105 - synthetic benchmark users only
T = OrganisationType


class Command(BaseCommand):
    help = "Create N synthetic offenders with sentences and cases across ten provinces."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument(
            "--reset", action="store_true", help="Remove an earlier benchmark data set first."
        )
        parser.add_argument("--seed", type=int, default=20141201)

    def handle(self, *args: Any, **options: Any) -> None:
        n = options["cases"]
        if n < 1:
            self.stderr.write("--cases must be at least 1")
            raise SystemExit(2)
        started = time.perf_counter()
        if options["reset"]:
            _reset()
        rng = random.Random(options["seed"])
        with transaction.atomic():
            prisons = _organisations()
            _offenders(n, prisons, rng)
        self.stdout.write(
            f"Seeded {n} offenders with sentences and cases in "
            f"{time.perf_counter() - started:.1f} s (user bench_clerk, password {BENCH_PASSWORD})."
        )


def _reset() -> None:
    orgs = Organisation.objects.filter(name__startswith=PREFIX)
    from kernel.deadlines.models import Deadline
    from kernel.notices.models import Notice

    with transaction.atomic():
        # Clocks and notices of an earlier sweep benchmark point at the benchmark organisations.
        Notice.objects.filter(recipient_organisation__in=orgs).delete()
        Deadline.objects.filter(responsible_organisation__in=orgs).delete()
        CaseParticipant.objects.filter(case__offender__custodian__in=orgs).delete()
        Case.objects.filter(offender__custodian__in=orgs).delete()
        Sentence.objects.filter(offender__custodian__in=orgs).delete()
        Offender.objects.filter(custodian__in=orgs).delete()
        User.objects.filter(username__startswith="bench_").delete()
        ProcuratorialAssignment.objects.filter(procuratorate__in=orgs).delete()
        Organisation.objects.filter(name__startswith=PREFIX, parent__isnull=False).delete()
        orgs.delete()


def _org(
    name: str, type_: str, level: str, region: str, parent: Organisation | None = None
) -> Organisation:
    org, _created = Organisation.objects.get_or_create(
        name=f"{PREFIX} {name}",
        defaults={"type": type_, "level": level, "region_code": region, "parent": parent},
    )
    return org


def _organisations() -> list[tuple[Organisation, Organisation, Organisation, Organisation]]:
    """(prison, approving authority, stationed procuratorate, provincial procuratorate)."""
    prisons = []
    for code in PROVINCES:
        pab = _org(f"{code} 监狱管理局", T.PRISON_ADMINISTRATION, Level.PROVINCE, f"{code}0000")
        proc_prov = _org(f"{code} 省检察院", T.PROCURATORATE, Level.PROVINCE, f"{code}0000")
        ProcuratorialAssignment.objects.get_or_create(
            procuratorate=proc_prov, supervised=pab, mode=ProcuratorialAssignment.Mode.SAME_LEVEL
        )
        for i in range(PRISONS_PER_PROVINCE):
            prison = _org(
                f"{code} 第{i + 1}监狱", T.PRISON, Level.CITY, f"{code}{i + 1:02d}00", pab
            )
            proc = _org(
                f"{code} 驻第{i + 1}监狱检察室",
                T.PROCURATORATE,
                Level.PROVINCE,
                f"{code}{i + 1:02d}00",
                proc_prov,
            )
            ProcuratorialAssignment.objects.get_or_create(
                procuratorate=proc, supervised=prison, mode=ProcuratorialAssignment.Mode.STATIONED
            )
            prisons.append((prison, pab, proc, proc_prov))
    first = prisons[0]
    password = production_password_hash()
    for username, org, role in (
        ("bench_clerk", first[0], Role.PRISON_CLERK),
        ("bench_procurator", first[2], Role.PROCURATOR),
        ("bench_approver", first[1], Role.APPROVER),
        # The load test's comparison: the Django admin's changelist of cases (bench/load.py).
        ("bench_admin", first[1], Role.SYSTEM_ADMIN),
    ):
        user, created = User.objects.get_or_create(
            username=username, defaults={"organisation": org, "password": password}
        )
        if created:
            RoleGrant.objects.create(user=user, role=role)
        elif user.password != password:
            # A data set seeded before the hash was the production one (MD5, test settings).
            User.objects.filter(pk=user.pk).update(password=password)
        if username == "bench_admin":
            User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    return prisons


def production_password_hash() -> str:
    """BENCH_PASSWORD hashed once with the hasher production uses (Django's default, PBKDF2;
    production does not set PASSWORD_HASHERS), with a fixed salt, so every bench user shares one
    hash and the bench users sign in through the real login form under production settings.
    The test settings hash with MD5 and cannot check this hash: under them, bench code signs
    in with `force_login`."""
    from django.conf import global_settings
    from django.utils.module_loading import import_string

    hasher = import_string(global_settings.PASSWORD_HASHERS[0])()
    return str(hasher.encode(BENCH_PASSWORD, "teopbenchsalt2026"))


def _offenders(
    n: int,
    prisons: list[tuple[Organisation, Organisation, Organisation, Organisation]],
    rng: random.Random,
) -> None:
    base_birth = dt.date(1950, 1, 1)
    start = Offender.objects.filter(name__startswith="基准").count()
    for lo in range(start, start + n, BATCH):
        hi = min(lo + BATCH, start + n)
        offenders, sentences = [], []
        for i in range(lo, hi):
            prison = prisons[i % len(prisons)][0]
            birth = base_birth + dt.timedelta(days=i % 18000)
            sex = "M" if rng.random() < 0.9 else "F"
            seq = 2 * (i // 18000) + (1 if sex == "M" else 0)
            first17 = f"{prison.region_code[:4]}01{birth:%Y%m%d}{seq:03d}"
            offenders.append(
                Offender(
                    name=f"基准{i:06d}",
                    id_number=first17 + identity_check_character(first17),
                    sex=sex,
                    date_of_birth=birth,
                    custodian=prison,
                    prisoner_number=f"B{i:07d}",
                    residence_address="合成地址",
                    residence_region_code=f"{prison.region_code[:4]}01",
                )
            )
        Offender.objects.bulk_create(offenders, batch_size=BATCH)
        for offender in offenders:
            years = rng.randint(1, 20)
            execution_start = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randint(0, 5000))
            facts = arithmetic.SentenceFacts(
                original_type=arithmetic.SentenceType.FIXED_TERM,
                original_term=arithmetic.Term(years=years),
                execution_start=execution_start,
                custody_days=rng.randint(0, 300),
            )
            sentences.append(
                Sentence(
                    offender=offender,
                    judgment_number=f"合成{offender.prisoner_number}",
                    offences="盗窃罪",
                    original_type="fixed_term",
                    original_years=years,
                    execution_start=execution_start,
                    custody_days=facts.custody_days,
                    current_type="fixed_term",
                    expiry_date=arithmetic.expiry_date(facts),
                )
            )
        Sentence.objects.bulk_create(sentences, batch_size=BATCH)
        cases = [
            Case(
                number=f"BENCH-{o.prisoner_number}",
                offender=o,
                sentence=s,
                path="B",
                ground_medical=True,
                opened_on=dt.date(2026, 1, 5),
            )
            for o, s in zip(offenders, sentences, strict=True)
        ]
        Case.objects.bulk_create(cases, batch_size=BATCH)
        by_prison = {p[0].pk: p for p in prisons}
        participants = []
        for case, offender in zip(cases, offenders, strict=True):
            assert offender.custodian_id is not None  # every bench offender is in a prison
            prison, pab, proc, proc_prov = by_prison[offender.custodian_id]
            participants += [
                CaseParticipant(case=case, organisation=prison, capacity=Capacity.INSTITUTION),
                CaseParticipant(case=case, organisation=pab, capacity=Capacity.DECISION_ORGAN),
                CaseParticipant(case=case, organisation=proc, capacity=Capacity.PROCURATORATE),
                CaseParticipant(
                    case=case, organisation=proc_prov, capacity=Capacity.DECISION_PROCURATORATE
                ),
            ]
        CaseParticipant.objects.bulk_create(participants, batch_size=BATCH * 4)
