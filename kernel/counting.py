"""Legal counting of days, months and years, and inclusive comparison.

Pure functions; the only Django they use is gettext_lazy for DateOutOfRange's message
(kernel/errors.py). Each one cites the rule it implements:

* Criminal Law (CL) Art 99: "以上", "以下", "以内" include the number itself.
* Criminal Procedure Law (CPL) Art 105: the day on which a period starts is not counted.
* SPC Interpretation of the CPL (2021) Art 202 ¶1: procedural periods in months.
* SPC Interpretation of the CPL (2021) Art 202 ¶2: sentence terms in years and months.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _

from kernel.errors import Message, TranslatedError

__all__ = [
    "MAX_MONTHS",
    "DateOutOfRange",
    "at_least",
    "at_most",
    "days_after",
    "half_months_to_days",
    "inclusive_days",
    "month_period_end",
    "shift_days",
    "term_end",
]

#: The longest month count accepted (100 years); guards against date overflow.
MAX_MONTHS = 1200

#: SPC Interpretation of the CPL (2021) Art 202 ¶1 and ¶2: "半个月一律按十五日计算".
DAYS_PER_HALF_MONTH = 15

_ONE_DAY = dt.timedelta(days=1)


_OUT_OF_RANGE: dict[str, Message] = {
    "period": _("The period counted from %(start)s ends outside the calendar (years 1 to 9999)."),
    "term": _("The term counted from %(start)s ends outside the calendar (years 1 to 9999)."),
    "period in hours": _(
        "The period in hours counted from %(start)s ends outside the calendar (years 1 to 9999)."
    ),
}


class DateOutOfRange(TranslatedError):
    """A period that would end outside the calendar Python can hold (years 1 to 9999).

    A domain error, not a crash: the edges map it to 400 with a clear message. It can only
    arise from dates no bounded input allows (kernel/bounds.py), so seeing it means a date
    reached the arithmetic unchecked. The message is rendered in the reader's language.
    """

    def __init__(self, start: dt.date, what: str = "period") -> None:
        self.start = start
        super().__init__(_OUT_OF_RANGE.get(what, _OUT_OF_RANGE["period"]), start=start.isoformat())


def shift_days(day: dt.date, n: int) -> dt.date:
    """`day` moved by `n` days; DateOutOfRange instead of OverflowError at the calendar's ends."""
    try:
        return day + dt.timedelta(days=n)
    except OverflowError:
        raise DateOutOfRange(day) from None


class _Orderable(Protocol):
    """Anything with inclusive ordering: int, Fraction, Decimal, date, tuples..."""

    def __ge__(self, other: Any, /) -> bool: ...

    def __le__(self, other: Any, /) -> bool: ...


def _last_day_of_month(year: int, month: int) -> int:
    """Number of the last day of `month` in `year` (helper for SPC-Interp Art 202)."""
    return calendar.monthrange(year, month)[1]


def _is_last_day_of_month(day: dt.date) -> bool:
    """True when `day` is the last day of its month ("本月最后一日", SPC-Interp Art 202)."""
    return day.day == _last_day_of_month(day.year, day.month)


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) lying `months` calendar months after (year, month)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _month_anniversary(start: dt.date, months: int) -> dt.date:
    """The "same day" `months` months after `start` under SPC Interpretation (2021) Art 202.

    Both paragraphs of Art 202 share the same landmark: the same day of the target month
    ("下月同日"); the last day of the target month when `start` is the last day of its month
    ("起算日为本月最后一日的，至下月最后一日"); and the last day of the target month when the
    same day does not exist there ("下月同日不存在的，…至下月最后一日").
    """
    year, month = _shift_month(start.year, start.month, months)
    last = _last_day_of_month(year, month)
    if _is_last_day_of_month(start) or start.day > last:
        return dt.date(year, month, last)
    return dt.date(year, month, start.day)


def _year_anniversary(start: dt.date, years: int) -> dt.date:
    """The "same month, same day" `years` years after `start` (SPC-Interp Art 202 ¶2).

    "次年同月同日不存在的，…至次年同月最后一日": 29 February falls back to 28 February. Unlike the
    month rule, the year rule has no "last day of the month" clause, so 28 February stays
    28 February even when the target year is a leap year.
    """
    year = start.year + years
    last = _last_day_of_month(year, start.month)
    return dt.date(year, start.month, min(start.day, last))


def _check_months(months: int, what: str) -> None:
    """Reject negative or absurdly long month counts (input guard, no legal rule)."""
    if months < 0:
        raise ValueError(f"The number of {what} cannot be negative (got {months}).")
    if months > MAX_MONTHS:
        raise ValueError(f"The number of {what} cannot exceed {MAX_MONTHS} months (got {months}).")


def month_period_end(start: dt.date, months: int) -> dt.date:
    """Last day of a procedural period of `months` months counted from `start`.

    SPC Interpretation of the CPL (2021) Art 202 ¶1: "以月计算的期间，自本月某日至下月同日为一个
    月；期限起算日为本月最后一日的，至下月最后一日为一个月；下月同日不存在的，自本月某日至下月最后一
    日为一个月". Examples: 2026-01-15 + 1 month ends 2026-02-15; 2026-01-31 + 1 ends 2026-02-28;
    2026-02-28 (last day of February) + 1 ends 2026-03-31; 2026-03-31 + 1 ends 2026-04-30.

    `months` may be 0 (the period ends on `start`) up to 1200; a negative count raises
    ValueError. Holiday roll-over (CPL Art 105) is the working calendar's business.
    """
    _check_months(months, "months")
    try:
        return _month_anniversary(start, months)
    except (OverflowError, ValueError):
        raise DateOutOfRange(start) from None


def half_months_to_days(halves: int) -> int:
    """Days in `halves` half-months (SPC-Interp Art 202: "半个月一律按十五日计算")."""
    if halves < 0:
        raise ValueError(f"The number of half-months cannot be negative (got {halves}).")
    return halves * DAYS_PER_HALF_MONTH


def term_end(start: dt.date, *, years: int = 0, months: int = 0, days: int = 0) -> dt.date:
    """Last day of a sentence term of years/months/days whose first day is `start`.

    SPC Interpretation of the CPL (2021) Art 202 ¶2: a year runs "自本年本月某日至次年同月同日的
    前一日" (to the day before the anniversary; 29 February falls back to the last day of
    February); a month runs "自本月某日至下月同日的前一日", to the day before the last day of
    the next month when the term starts on the last day of a month or when the same day does
    not exist. Days count day for day: a term of N days ends on start + N - 1.

    Method: a term of whole years only uses the year rule. A term with a month part applies
    years and months together as one month count (years * 12 + months) under the month rule.
    Any days are then added day for day. Examples: 1 year from 2020-03-05 ends 2021-03-04;
    1 year from 2020-02-29 ends 2021-02-27; 1 month from 2026-01-31 or 2026-01-30 ends
    2026-02-27; 1 month from 2026-02-28 ends 2026-03-30.

    A negative part or a term of zero length raises ValueError.
    """
    if years < 0 or months < 0 or days < 0:
        raise ValueError(
            f"A term cannot have a negative part (got {years} years, {months} months, {days} days)."
        )
    if years == 0 and months == 0 and days == 0:
        raise ValueError("A term of zero length has no last day.")
    total_months = years * 12 + months
    _check_months(total_months, "months in a term")
    try:
        if total_months == 0:
            complete = start
        elif months == 0:
            complete = _year_anniversary(start, years)
        else:
            complete = _month_anniversary(start, total_months)
        return complete + dt.timedelta(days=days) - _ONE_DAY
    except (OverflowError, ValueError) as exc:
        raise DateOutOfRange(start, "term") from exc


def at_least(value: _Orderable, threshold: _Orderable) -> bool:
    """True when `value` is `threshold` or more ("以上" includes the number: CL Art 99).

    Works for anything ordered: ints, Fractions, dates (on or after), Terms compared as tuples.
    """
    return value >= threshold


def at_most(value: _Orderable, threshold: _Orderable) -> bool:
    """True when `value` is `threshold` or less ("以下"/"以内" include the number: CL Art 99).

    Works for anything ordered: ints, Fractions, dates (on or before), Terms compared as tuples.
    """
    return value <= threshold


def days_after(start: dt.date, n: int) -> dt.date:
    """Last day of a period of `n` days from `start`: start + n.

    CPL Art 105: "期间开始的时和日不算在期间以内", so "within 5 days from X" ends at 24:00 on
    X + 5. `n` may be negative (counting backwards the same way). A result outside the
    calendar raises DateOutOfRange.
    """
    return shift_days(start, n)


def inclusive_days(first: dt.date, last: dt.date) -> int:
    """Number of days from `first` to `last`, both counted (e.g. a non-counted period).

    CPL Art 268 ¶3 and CL Art 47 count time served (or not counted) day for day, so a span
    that both begins and ends on the same day is one day. `last` before `first` raises
    ValueError.
    """
    if last < first:
        raise ValueError(
            f"The last day ({last.isoformat()}) is before the first day ({first.isoformat()})."
        )
    return (last - first).days + 1
