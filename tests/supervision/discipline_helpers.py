"""Shared steps of the discipline tests: take an act of `supervision.discipline` as the
officer on a given day, and read a generated PDF's text."""

from __future__ import annotations

import datetime as dt
import subprocess
import zoneinfo
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.acts.runner import act_run
from supervision.discipline.acts import DISCIPLINE_ACTS

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
RULE = "《社区矫正法》第二十三条"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def scan(name: str = "approval.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def on(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=SH), tick=False)


def take(world: Any, case: Any, name: str, day: dt.date, actor: Any = None, **params: Any) -> Any:
    with on(day):
        return act_run(
            DISCIPLINE_ACTS[name],
            case_id=case.pk,
            actor=actor or world.officer,
            expected_state="under_supervision",
            **params,
        )


def sanction(world: Any, case: Any, name: str, day: dt.date, **extra: Any) -> Any:
    params = {"decided_on": day, "facts": "未按规定报到", "rule_breached": RULE}
    return take(world, case, name, day, **{**params, **extra})


def pdf_text(document: Any, tmp_path: Any) -> str:
    path = tmp_path / f"doc-{document.pk}.pdf"
    with document.file.open("rb") as handle:
        path.write_bytes(handle.read())
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
