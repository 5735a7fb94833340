"""The links of a list's rows with one `reverse` for the whole list (issue 15): a `{% url %}`
per row resolved the route again for every row of every page."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

#: A number no primary key reaches, stood in for the row's key while reversing once.
_STAND_IN = 2_147_483_647


def link_maker(name: str, *fixed: object) -> Callable[[int], str]:
    """The link of the route `name` (its arguments `fixed`, then one integer) for any primary
    key: the same string `reverse(name, args=[*fixed, pk])` makes, by formatting."""
    pattern = reverse(name, args=[*fixed, _STAND_IN])
    head, found, tail = pattern.rpartition(str(_STAND_IN))
    if not found:  # pragma: no cover - a route that does not show its argument
        return lambda pk: reverse(name, args=[*fixed, pk])
    return lambda pk: f"{head}{pk}{tail}"
