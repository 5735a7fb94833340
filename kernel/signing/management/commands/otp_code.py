from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kernel.signing.otp import totp_code
from kernel.signing.selectors import second_factor_get_for_user


class Command(BaseCommand):
    help = "Print a user's current one-time password (for the demo and operators' testing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        factor = second_factor_get_for_user(user)
        if factor is None:
            raise CommandError(
                f"{username} has no one-time password set up (/account/second-factor/)."
            )
        self.stdout.write(totp_code(factor.secret))
