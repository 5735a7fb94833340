"""Stand-ins for the verification child process (kernel/signing/pdf.py `_verify_in_child`),
importable by the forkserver's children: standard library and kernel.signing.pdf only."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any


def sleep_past_the_limit(
    connection: Any, pdf: bytes, roots: list[bytes], max_revisions: int
) -> None:
    """A validation that never finishes in time."""
    time.sleep(600)


def _marker(pdf: bytes, name: str) -> Path:
    match = re.search(rb"%" + name.encode() + rb"=(\S+)", pdf)
    assert match, f"the upload names its {name} file"
    return Path(match.group(1).decode())


def wait_for_release(connection: Any, pdf: bytes, roots: list[bytes], max_revisions: int) -> None:
    """A slow validation: says it has started (the `started` file named in the upload), then
    waits until the test creates the `release` file, and answers "not signed"."""
    from kernel.signing.pdf import MESSAGE_UNSIGNED, SignatureReport

    _marker(pdf, "started").write_text("started")
    release = _marker(pdf, "release")
    for _ in range(6000):
        if release.exists():
            break
        time.sleep(0.01)
    connection.send(SignatureReport(status="unsigned", message=MESSAGE_UNSIGNED))
    connection.close()
