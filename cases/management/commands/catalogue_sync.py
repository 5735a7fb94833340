"""Load the 2014 Scope of Serious Illnesses and the 1990 list (legacy) into the catalogue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cases.services.catalogue import catalogue_sync


class Command(BaseCommand):
    help = "Add missing illness catalogue items; items edited by an administrator are kept."

    def handle(self, *args: Any, **options: Any) -> None:
        added = catalogue_sync()
        self.stdout.write(f"Illness catalogue: {added} item(s) added.")
