"""Match the imported records of other organs to the people registered since (issue 13).

Each import matches its own rows at once; a person registered later is matched by this
command (run it nightly or after a registration campaign). Idempotent: a link made before is
not made, audited or notified again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from procuracy.imports.services import external_records_rematch


class Command(BaseCommand):
    help = "Link imported records of other organs to every person with their identity number."

    def handle(self, *args: Any, **options: Any) -> None:
        linked = external_records_rematch()
        self.stdout.write(f"{linked} new links")
