"""Create the audit log's yearly partitions ahead of time (idempotent; run as the owner)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from kernel.audit.partitions import YEARS_AHEAD, is_partitioned, partitions_ensure


class Command(BaseCommand):
    help = (
        "Create the audit log's partitions for this year and the next "
        f"{YEARS_AHEAD} years (PostgreSQL; run yearly as the database owner). Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--through-year", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if not is_partitioned(connection):
            self.stdout.write("The audit log is a plain table here (not PostgreSQL).")
            return
        with transaction.atomic():
            report = partitions_ensure(connection, through_year=options["through_year"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(report.created)} partition(s) {', '.join(report.created) or '-'}; "
                f"{len(report.existing)} already existed."
            )
        )
        if report.in_default:
            raise CommandError(
                f"{report.in_default} audit event(s) are in the DEFAULT partition: their year "
                "had no partition when they were written. Create that year's partition by "
                "detaching DEFAULT, creating the year and re-attaching it, as the owner."
            )
