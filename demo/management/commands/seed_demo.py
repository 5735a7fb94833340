"""Load the demo data set and print the demo accounts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo province, organisations, users for every role and sample offenders."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts, created = seed_demo()
        self.stdout.write("Demo data " + ("created." if created else "already present."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for a in accounts:
            self.stdout.write(f"  {a.username:<16} {a.full_name:<8} {', '.join(a.roles)}")
        self.stdout.write(
            "Signing a decision asks for a one-time password: "
            "`python manage.py otp_code approver` prints the approver's current code."
        )
