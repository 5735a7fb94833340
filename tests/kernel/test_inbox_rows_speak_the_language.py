"""Each inbox row says its due date, the time left or overdue and the time waited in the
active language (written once per row by `inbox_rows`; issue 15)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import translation

from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.deadlines.selectors import inbox_rows

TODAY = dt.date(2026, 3, 10)
TRIGGER = dt.datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def _row(**fields: object):
    deadline = Deadline(pk=7, kind="D-04", trigger_at=TRIGGER, **fields)
    [row] = inbox_rows([deadline], today=TODAY)
    return row


def test_days_left_due_today_and_overdue_in_both_languages() -> None:
    with translation.override("en"):
        left = _row(status=DeadlineStatus.OPEN, due_date=dt.date(2026, 3, 13))
        today = _row(status=DeadlineStatus.OPEN, due_date=TODAY)
        late = _row(status=DeadlineStatus.OVERDUE, due_date=dt.date(2026, 3, 6))
    assert (left.due_text, left.countdown, left.waited) == ("2026-03-13", "3 days left", "8 days")
    assert today.countdown == "due today"
    assert late.countdown == "4 days overdue" and late.overdue
    with translation.override("zh-hans"):
        left = _row(status=DeadlineStatus.OPEN, due_date=dt.date(2026, 3, 13))
        late = _row(status=DeadlineStatus.OVERDUE, due_date=dt.date(2026, 3, 6))
    assert (left.countdown, left.waited) == ("剩余3日", "8日")
    assert late.countdown == "已逾期4日"


def test_an_estimate_shows_its_date_and_a_clock_without_a_date_says_nothing() -> None:
    with translation.override("en"):
        estimate = _row(
            status=DeadlineStatus.OPEN,
            estimated_due_date=dt.date(2026, 3, 12),
            provisional_year=2027,
        )
        undated = _row(status=DeadlineStatus.OPEN, provisional_year=2027)
    assert (estimate.due_text, estimate.countdown) == ("2026-03-12", "2 days left")
    assert (undated.due_text, undated.countdown) == ("", "")
