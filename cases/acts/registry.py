"""Every declared act, by name: the API, the jurisdiction battery and the enumeration test read
this one registry, so an act cannot exist without its endpoint and its battery row."""

from __future__ import annotations

from collections.abc import Iterable

from .declaration import Act

ACTS: dict[str, Act] = {}


def acts_register(acts: Iterable[Act]) -> None:
    for act in acts:
        existing = ACTS.get(act.name)
        if existing is not None and existing is not act:
            raise ValueError(f"Act {act.name!r} is declared twice.")
        ACTS[act.name] = act


def act_get(name: str) -> Act:
    return ACTS[name]
