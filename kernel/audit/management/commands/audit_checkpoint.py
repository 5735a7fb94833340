"""Write a signed checkpoint of every audit stream's head (also run hourly by beat)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kernel.audit.checkpoints import audit_checkpoint


class Command(BaseCommand):
    help = (
        "Record every audit stream's head in a new signed, write-once checkpoint file "
        "(TEOP_AUDIT_CHECKPOINT_DIR) and notify the supervising procuratorates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Write one even if no head moved.")

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint = audit_checkpoint(force=options["force"])
        verb = "Wrote" if checkpoint.created else "No head moved since"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} checkpoint No. {checkpoint.number} ({checkpoint.path}): "
                f"{checkpoint.streams} streams, {checkpoint.events} events, heads digest "
                f"{checkpoint.heads_sha256}; {checkpoint.notified} procuratorate(s) notified."
            )
        )
