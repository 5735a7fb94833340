"""The inbox on "my work": deadlines of the user's organisation and role, soonest first,
with days left or overdue and how long each has waited; constant SQL whatever its length."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kernel.deadlines.services import deadline_open, sweep, sweeper_alert_if_stale
from kernel.notices.models import Channel, Notice
from kernel.notices.services import notice_post, notice_send_to_role

pytestmark = pytest.mark.django_db
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, h: int = 9) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=SH)


def _open(world, code: str, when: dt.datetime, org) -> None:
    deadline_open(
        code=code,
        subject=world.case_a,
        trigger_at=when,
        responsible_organisation=org,
        actor=world.clerk_a,
    )


def test_inbox_lists_own_deadlines_soonest_first_with_days_left(loaded_calendar, world) -> None:
    _open(world, "D-04", at(2026, 3, 2), world.pab)  # due 2026-03-23
    _open(world, "D-05", at(2026, 3, 2), world.pab)  # due 2026-03-09
    _open(world, "D-14", at(2026, 3, 2), world.prison_a)  # the prison's, not the approver's
    with time_machine.travel(at(2026, 3, 4), tick=False):
        body = world.client_for(world.approver).get("/", HTTP_ACCEPT_LANGUAGE="en").content
    text = body.decode()
    table = text[text.index('id="deadlines"') :]
    assert table.index("2026-03-09") < table.index("2026-03-23")
    assert "5 days left" in table and "19 days left" in table
    assert "2 days" in table  # waiting since 03-02
    assert "Hand the offender over" not in table


def test_overdue_deadline_is_red_and_reaches_the_supervising_procurator(
    loaded_calendar, world
) -> None:
    _open(world, "D-14", at(2026, 3, 2), world.prison_a)  # 10 days -> 2026-03-12
    with time_machine.travel(at(2026, 3, 16), tick=False):
        sweep()
        clerk = world.client_for(world.clerk_a).get("/", HTTP_ACCEPT_LANGUAGE="en")
        procurator = world.client_for(world.procurator_a).get("/", HTTP_ACCEPT_LANGUAGE="en")
        other = world.client_for(world.procurator_b).get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<tr class="overdue">' in clerk.content.decode()
    assert "4 days overdue" in clerk.content.decode()
    assert "Hand the offender over" in procurator.content.decode()
    assert "Hand the offender over" not in other.content.decode()


def test_provisional_deadline_says_which_calendar_is_missing(loaded_calendar, world) -> None:
    _open(world, "D-04", at(2026, 12, 24), world.pab)
    body = world.client_for(world.approver).get("/").content.decode()
    assert "2027年工作日历未载入" in body


def test_inbox_query_count_does_not_grow(loaded_calendar, world) -> None:
    client = world.client_for(world.approver)
    _open(world, "D-04", at(2026, 3, 2), world.pab)
    client.get("/")
    with CaptureQueriesContext(connection) as small:
        client.get("/")
    for day in range(3, 28):
        _open(world, "D-04", at(2026, 3, day), world.pab)
    with CaptureQueriesContext(connection) as large:
        client.get("/")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_a_stale_sweeper_alerts_the_administrators_once_an_hour(world) -> None:
    with time_machine.travel(at(2026, 3, 2, 10), tick=False):
        assert sweeper_alert_if_stale() is True
        assert sweeper_alert_if_stale() is True
    assert Notice.objects.filter(recipient=world.sysadmin).count() == 1
    with time_machine.travel(at(2026, 3, 2, 10), tick=False):
        sweep()
        assert sweeper_alert_if_stale() is False


def test_notice_to_a_role_reaches_each_holder(world) -> None:
    notices = notice_send_to_role(
        organisation_id=world.prison_a.pk,
        roles=["prison_clerk", "prison_leader"],
        key="r1",
        subject="请审核",
    )
    assert {n.recipient for n in notices} == {world.clerk_a, world.leader_a}


def test_formal_notice_to_an_external_organisation_goes_by_post(world) -> None:
    first = notice_post(organisation_id=world.cci.pk, key="p1", subject="暂予监外执行通知书")
    again = notice_post(organisation_id=world.cci.pk, key="p1", subject="暂予监外执行通知书")
    assert first.pk == again.pk
    assert first.channel == Channel.POST
    assert first.recipient is None


def test_deadline_page_states_rule_calendar_and_skipped_days(loaded_calendar, world) -> None:
    _open(world, "D-04", at(2026, 1, 30), world.pab)
    from kernel.deadlines.models import Deadline

    deadline = Deadline.objects.get()
    response = world.client_for(world.approver).get(
        f"/deadlines/{deadline.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert 'id="due">2026-02-27<' in body
    assert "CPL Art 105" in body
    assert "2026-02-16" in body  # a Spring Festival day not counted
    assert "P2014 Art 14" in body
    assert world.client_for(world.clerk_b).get(f"/deadlines/{deadline.pk}/").status_code == 404


def test_notice_endpoints_refuse_wrong_methods(world) -> None:
    client = world.client_for(world.clerk_a)
    assert client.get("/notices/read/").status_code == 405
    assert client.post("/notices/").status_code == 405
    assert client.post("/health/deadlines/").status_code in (403, 405)
