"""Check the audit log: every stream's chain and the newest signed checkpoint."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kernel.audit.services import audit_verify


class Command(BaseCommand):
    help = (
        "Verify the audit log: links, keyed hashes (HMAC) and sequence numbers of every "
        "stream, the legacy seal, and the newest signed checkpoint. Exit 1 and name the check "
        "that failed, the stream and the event."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-checkpoint",
            action="store_true",
            help="Check the chains only, not against the newest checkpoint.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify(checkpoints=not options["no_checkpoint"])
        checkpoint = (
            f"checkpoint {result.checkpoint} ({result.checkpoint_streams} stream heads)"
            if result.checkpoint
            else "no checkpoint yet"
        )
        if not result.intact:
            lines = [str(problem) for problem in result.problems]
            if result.more_problems:
                lines.append(f"... and {result.more_problems} more problem(s).")
            raise CommandError(
                f"Audit log check failed: {len(result.problems) + result.more_problems} "
                f"problem(s) in {result.events} events, {result.streams} streams; "
                f"{checkpoint}.\n" + "\n".join(lines)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {result.events} events verified in {result.streams} "
                f"streams; {checkpoint} matches."
                if result.checkpoint
                else f"Audit chain intact: {result.events} events verified in "
                f"{result.streams} streams; no checkpoint yet."
            )
        )
