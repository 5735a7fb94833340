"""How long POST /verify/ takes at its bounds (issue #9 item 2); one JSON line per file.

    DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=postgres://... \\
        .venv/bin/python bench/verify_bounds.py

Files: a decision signed by this system (2 revisions), one at the revision limit (20), the
4,000-empty-update attack of the issue, and the same attack with the byte count defeated (as a
crafted file could), which the child's parsed count refuses. No database is needed.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from bench.run import emit  # to stdout and the figures file

RUNS = 5


def main() -> None:  # the verification child is started by a forkserver: main stays guarded
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    import kernel.signing.forms as verify_forms
    from kernel.accounts.models import Organisation
    from kernel.accounts.roles import Level, OrganisationType
    from kernel.signing.keystore import demo_ca_ensure, signer_for
    from kernel.signing.pdf import pdf_sign
    from tests.kernel.test_verify_bounds import _unsigned_decision, append_empty_updates

    settings.SIGNING_KEYSTORE_DIR = Path(tempfile.mkdtemp()) / "keystore"
    demo_ca_ensure()
    organisation = Organisation(
        name="省监狱管理局",
        type=OrganisationType.PRISON_ADMINISTRATION,
        level=Level.PROVINCE,
        region_code="330000",
    )
    signed = pdf_sign(
        _unsigned_decision(), signer=signer_for(organisation), reason="批准", location="杭州"
    )
    attack = append_empty_updates(signed, 4000)
    files = [
        ("signed decision, 2 revisions", signed, False),
        ("at the limit, 20 revisions", append_empty_updates(signed, 18), False),
        ("4,000 empty updates appended", attack, False),
        ("4,000 updates hidden from the byte count", attack, True),
    ]
    counting = verify_forms.pdf_revision_count
    for label, content, defeat_count in files:
        verify_forms.pdf_revision_count = (lambda pdf: 2) if defeat_count else counting  # type: ignore[assignment]
        timings = []
        for _ in range(RUNS):
            cache.clear()
            upload = SimpleUploadedFile("decision.pdf", content, "application/pdf")
            started = time.perf_counter()
            response = Client().post("/verify/", {"file": upload})
            timings.append(time.perf_counter() - started)
        found = re.search(rb'data-status="(\w+)"', response.content)
        emit(
            figure="verify_bounds",
            file=label,
            bytes=len(content),
            http=response.status_code,
            report=found.group(1).decode() if found else None,
            worst_ms=round(max(timings) * 1000),
            median_ms=round(sorted(timings)[RUNS // 2] * 1000),
            time_limit_s=settings.TEOP_VERIFY_TIME_LIMIT_SECONDS,
        )


if __name__ == "__main__":
    main()
