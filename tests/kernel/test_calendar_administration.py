"""Entering a year's schedule: sync, form, CSV import, audit (legal-spec E-01)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from kernel.audit.models import AuditEvent
from kernel.workcalendar.clock import add_working_days
from kernel.workcalendar.models import CalendarYear, OfficialDay
from kernel.workcalendar.services import (
    DayEntry,
    calendar_load,
    calendar_year_replace,
    parse_calendar_csv,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CSV_2027 = (
    "date,kind,name,region_code\n"
    "2027-01-01,holiday,元旦,\n"
    "2027-02-06,holiday,春节,\n"
    "2027-02-07,holiday,春节,\n"
    "2027-02-08,holiday,春节,\n"
    "2027-02-09,holiday,春节,\n"
    "2027-02-10,holiday,春节,\n"
    "2027-02-11,holiday,春节,\n"
    "2027-02-12,holiday,春节,\n"
    "2027-02-20,makeup_workday,春节,\n"
).encode()


def test_calendar_sync_loads_the_packaged_years_and_is_idempotent() -> None:
    call_command("calendar_sync", "--year", "2026")
    assert CalendarYear.objects.filter(year=2026).exists()
    assert OfficialDay.objects.filter(date=dt.date(2026, 2, 14), kind="makeup_workday").exists()
    events = AuditEvent.objects.filter(action="calendar.year_loaded").count()
    call_command("calendar_sync", "--year", "2026")
    assert AuditEvent.objects.filter(action="calendar.year_loaded").count() == events


def test_entering_a_new_year_makes_its_deadlines_computable(loaded_calendar: None, world) -> None:
    days = parse_calendar_csv(CSV_2027, year=2027)
    calendar_year_replace(
        year=2027, source_notice="国办发明电〔2026〕11号", days=days, actor=world.sysadmin
    )
    due = add_working_days(calendar_load(), dt.date(2026, 12, 20), 15)
    # Dec 21-25 and 28-31 (9), 2027-01-01 holiday, Jan 4-8 (14), Jan 11 (15).
    assert due.due == dt.date(2027, 1, 11)
    event = AuditEvent.objects.filter(action="calendar.year_loaded").latest("id")
    assert event.actor_name
    assert event.payload["year"] == 2027
    assert event.payload["makeup_workdays"] == 1


def test_correcting_a_year_is_audited_with_what_changed(loaded_calendar: None, world) -> None:
    days = parse_calendar_csv(CSV_2027, year=2027)
    calendar_year_replace(year=2027, source_notice="A", days=days, actor=world.sysadmin)
    calendar_year_replace(year=2027, source_notice="B", days=days[:-1], actor=world.sysadmin)
    event = AuditEvent.objects.filter(action="calendar.year_corrected").latest("id")
    assert event.payload["removed"] == [["2027-02-20", "makeup_workday", ""]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"day,kind\n2027-01-01,holiday\n", "header"),
        (b"date,kind,name\n2027-13-01,holiday,x\n", "Line 2"),
        (b"date,kind,name\n2027-01-01,party,x\n", "kind must be"),
        (b"date,kind,name\n2026-01-01,holiday,x\n", "not in 2027"),
        (b"date,kind,name\n", "lists no days"),
        ("date,kind\n2027-01-01,holiday\n".encode("utf-16"), "UTF-8"),
    ],
)
def test_bad_csv_is_refused_with_a_clear_message(content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_calendar_csv(content, year=2027)
    assert message in " ".join(exc.value.messages)


def test_a_weekday_cannot_be_a_makeup_workday(world) -> None:
    with pytest.raises(ValidationError, match="weekday"):
        calendar_year_replace(
            year=2027,
            source_notice="x",
            days=[DayEntry(dt.date(2027, 3, 3), "makeup_workday")],
            actor=world.sysadmin,
        )
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_import_screen_loads_a_year_for_the_system_administrator(world) -> None:
    client = world.client_for(world.sysadmin)
    response = client.post(
        reverse("workcalendar:year_import"),
        {
            "year": 2027,
            "source_notice": "国办发明电〔2026〕11号",
            "csv_file": SimpleUploadedFile("2027.csv", CSV_2027, content_type="text/csv"),
        },
    )
    assert response.status_code == 302
    assert OfficialDay.objects.filter(date__year=2027).count() == 9


def test_import_screen_accepts_typed_lines(world) -> None:
    client = world.client_for(world.sysadmin)
    response = client.post(
        reverse("workcalendar:year_import"),
        {
            "year": 2027,
            "source_notice": "国办发明电〔2026〕11号",
            "lines": "2027-01-01,holiday,元旦\n2027-02-20,makeup_workday,春节",
        },
    )
    assert response.status_code == 302
    assert OfficialDay.objects.filter(date__year=2027).count() == 2


def test_import_screen_shows_errors_and_loads_nothing(world) -> None:
    client = world.client_for(world.sysadmin)
    response = client.post(
        reverse("workcalendar:year_import"),
        {
            "year": 2027,
            "source_notice": "x",
            "csv_file": SimpleUploadedFile("x.csv", b"%PDF-1.4 binary", content_type="text/csv"),
        },
    )
    assert response.status_code == 400
    assert "该文件不是CSV文本文件。" in response.content.decode()  # the page speaks Chinese
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_import_screen_answers_400_when_the_form_is_refused(world) -> None:
    """A refused import is a 400 with the form and its error, never a 200 that looks loaded."""
    client = world.client_for(world.sysadmin)
    response = client.post(
        reverse("workcalendar:year_import"), {"year": 2027, "source_notice": "国办发明电"}
    )
    assert response.status_code == 400
    assert "请上传CSV文件或直接输入日期" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_import_screen_answers_400_when_the_days_are_refused(world) -> None:
    """The form is valid but the typed days are not: the service's refusal is a 400 too."""
    client = world.client_for(world.sysadmin)
    response = client.post(
        reverse("workcalendar:year_import"),
        {"year": 2027, "source_notice": "国办发明电", "lines": "2027-13-01,holiday,元旦"},
    )
    assert response.status_code == 400
    assert "第2行：「2027-13-01」不是日期" in response.content.decode()  # line 1 is the header
    assert "YYYY-MM-DD" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_import_screen_is_shown_with_200_before_anything_is_posted(world) -> None:
    response = world.client_for(world.sysadmin).get(reverse("workcalendar:year_import"))
    assert response.status_code == 200


def test_import_screen_is_for_system_administrators_only(world) -> None:
    response = world.client_for(world.clerk_a).get(reverse("workcalendar:year_import"))
    assert response.status_code == 403


def test_loading_a_year_tells_listeners_which_year_changed(world) -> None:
    from kernel.workcalendar.signals import calendar_year_changed

    heard: list[int] = []

    def listener(sender, year, actor, **kwargs):
        heard.append(year)

    calendar_year_changed.connect(listener)
    try:
        calendar_year_replace(
            year=2027,
            source_notice="x",
            days=parse_calendar_csv(CSV_2027, year=2027),
            actor=world.sysadmin,
        )
    finally:
        calendar_year_changed.disconnect(listener)
    assert heard == [2027]


def test_refusal_reaches_a_chinese_clerk_in_chinese(world) -> None:
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        parse_calendar_csv(b"date,kind,name\n2027-13-01,holiday,x\n", year=2027)
    assert exc.value.messages[0].startswith("第2行")
    assert "YYYY-MM-DD" in exc.value.messages[0]
