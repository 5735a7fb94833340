"""Check the audit log's hash chain and report the first broken link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kernel.audit.services import audit_verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit 1 and name the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = audit_verify_chain()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event #{broken.event_id}: {broken.problem}. "
                f"{checked} events before it verified."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} events verified."))
