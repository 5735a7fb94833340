"""Seed the official calendar from chinese-calendar for the years it knows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kernel.workcalendar.services import calendar_sync


class Command(BaseCommand):
    help = (
        "Load public holidays and make-up workdays from the chinese-calendar package for the "
        "years it covers. Years already loaded are left unchanged."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, action="append", dest="years")

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = calendar_sync(years=options["years"])
        if loaded:
            self.stdout.write(f"Loaded {len(loaded)} year(s): {loaded[0]}–{loaded[-1]}.")
        else:
            self.stdout.write("Nothing to load: every known year is already loaded.")
