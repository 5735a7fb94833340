"""Import a province's list of designated hospitals (P2014 Art 9) from CSV:

    python manage.py hospital_list_import 33 zhejiang-2026.csv

Columns: name, region_code, capabilities (illness|pregnancy|self_care|reexamination),
listed_from, listed_until (empty: open), document (the provincial document)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from supervision.medical.registry import hospital_list_import, hospital_list_read


class Command(BaseCommand):
    help = "Import a province's list of designated hospitals from CSV (P2014 Art 9)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("province", help="Two-digit province code, e.g. 33.")
        parser.add_argument("csv", type=Path, help="The CSV file (UTF-8, header row).")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["csv"]
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = hospital_list_read(handle)
            result = hospital_list_import(province=options["province"], rows=rows)
        except (OSError, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{result.created} listings created, {result.updated} updated, "
            f"{result.hospitals_created} hospitals created."
        )
