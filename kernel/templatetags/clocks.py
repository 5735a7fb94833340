"""`{{ code|clock_title }}`, `{{ code|clock_trigger }}`: a statutory clock named in words in the
reader's language, never by its code (issue 14: "clock labels are words, not codes")."""

from __future__ import annotations

from django import template

from kernel.deadlines.kinds import KINDS

register = template.Library()


@register.filter
def clock_title(code: object) -> str:
    kind = KINDS.get(str(code))
    return str(kind.title) if kind is not None else str(code or "")


@register.filter
def clock_trigger(code: object, stored: object = "") -> str:
    """What starts the clock, translated; `stored` (the text kept when it opened) otherwise."""
    kind = KINDS.get(str(code))
    return str(kind.trigger) if kind is not None else str(stored or "")


@register.filter
def calendar_words(text: object) -> str:
    """The calendar a clock was computed on, in the reader's language."""
    from kernel.workcalendar.clock import calendar_described

    return calendar_described(str(text or ""))
