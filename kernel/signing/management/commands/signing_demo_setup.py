from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kernel.signing.keystore import signing_demo_setup


class Command(BaseCommand):
    help = (
        "Create the demo certificate authority and a signing certificate for every active "
        "deciding organisation (prison administration, municipal public security, court)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for line in signing_demo_setup():
            self.stdout.write(line)
