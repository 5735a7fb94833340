"""Shared steps of the new-crime tests: take an act of `supervision.newcrime` as the officer
at a given moment."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import time_machine

from cases.acts.runner import act_run
from supervision.newcrime.acts import NEWCRIME_ACTS

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
MEASURE_AT = dt.datetime(2026, 6, 10, 9, 0, tzinfo=SH)


def at(moment: dt.datetime) -> Any:
    return time_machine.travel(moment, tick=False)


def take(world: Any, case: Any, name: str, moment: dt.datetime, actor: Any = None, **params: Any):
    with at(moment):
        return act_run(
            NEWCRIME_ACTS[name],
            case_id=case.pk,
            actor=actor or world.officer,
            expected_state="under_supervision",
            **params,
        )


def measure(world: Any, case: Any, *, notified_after: dt.timedelta, **extra: Any) -> Any:
    """A measure (by default on 10 June 2026 at 09:00), its notice arriving `notified_after`
    later (unless `cci_notified_at` is given); recorded one hour after the later of the two."""
    taken = extra.pop("measure_taken_at", MEASURE_AT)
    notified = extra.pop("cci_notified_at", taken + notified_after)
    params = {
        "crime_kind": "new",
        "suspected_offence": "涉嫌盗窃罪",
        "investigating_organ": world.cpsb,
        "investigating_organ_name": "",
        "measure": "detention",
        "measure_taken_at": taken,
        "cci_notified_at": notified,
        **extra,
    }
    moment = max(taken, notified) + dt.timedelta(hours=1)
    return take(world, case, "criminal_measure_record", moment, **params)
