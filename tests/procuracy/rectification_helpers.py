"""Helpers of the rectification tests (procuracy.rectification): take an act as a user on a
day, read a generated PDF's text."""

from __future__ import annotations

import datetime as dt
import subprocess
import zoneinfo
from typing import Any

import time_machine

from cases.acts.runner import act_run
from procuracy.rectification.acts import RECTIFICATION_ACTS

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
ORAL_DAY = dt.date(2026, 3, 10)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SH)


def take(user: Any, case: Any, name: str, day: dt.date, **params: Any) -> Any:
    with time_machine.travel(at(day), tick=False):
        return act_run(
            RECTIFICATION_ACTS[name],
            case_id=case.pk,
            actor=user,
            expected_state=None,
            **params,
        )


def oral(world: Any, day: dt.date = ORAL_DAY, **extra: Any) -> Any:
    params = {
        "target": world.prison_a,
        "seriousness": "minor",
        "issued_on": day,
        "illegality": "未按规定组织病情复查",
        "required_correction": "七日内组织复查",
    }
    return take(
        world.procurator_a,
        world.case_a,
        "rectification_oral_issue",
        day,
        **{
            **params,
            **extra,
        },
    )


def pdf_text(document: Any, tmp_path: Any) -> str:
    path = tmp_path / f"doc-{document.pk}.pdf"
    with document.file.open("rb") as handle:
        path.write_bytes(handle.read())
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
