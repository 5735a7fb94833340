"""The layout's navigation is built once per set of roles and language, and its unread badge
is always the live count `unread_of` defines (issue 15: the layout costs little on every
page, and never shows a stale number)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kernel.accounts.context_processors import nav_items_for
from kernel.notices.models import Channel, Notice, NoticeStatus
from kernel.notices.services import (
    NoticeDraft,
    notice_deliver,
    notice_mark_read,
    notice_send,
    notices_send,
    unread_of,
)

pytestmark = pytest.mark.django_db


def _badge(client) -> int:
    page = client.get("/").content.decode()
    found = re.search(r'class="badge">(\d+)<', page)
    return int(found.group(1)) if found else 0


def _nav(client) -> list[str]:
    page = client.get("/").content.decode()
    nav = page.split('class="mainnav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', nav)


def test_the_navigation_follows_the_roles_of_each_user(world) -> None:
    procurator = _nav(world.client_for(world.procurator_a))
    clerk = _nav(world.client_for(world.clerk_a))
    admin = _nav(world.client_for(world.sysadmin))
    receipts, audit = reverse("procuracy:receipt_inbox"), reverse("audit:event_list")
    assert receipts in procurator and receipts not in clerk
    assert reverse("cases:case_list") in clerk
    assert audit in admin and audit not in clerk
    # The memo is per set of roles: the second clerk's page shows the same links.
    assert _nav(world.client_for(world.clerk_b)) == clerk


def test_the_memoised_navigation_speaks_the_active_language(world) -> None:
    roles = world.clerk_a.role_codes
    with translation.override("zh-hans"):
        chinese = [str(label) for _url, label in nav_items_for(roles, False, None, "/", "zh-hans")]
        page = world.client_for(world.clerk_a).get("/").content.decode()
    with translation.override("en"):
        english = [str(label) for _url, label in nav_items_for(roles, False, None, "/", "en")]
    assert chinese[0] == "我的工作" and english[0] == "My work"
    assert ">我的工作</a>" in page


def test_the_badge_counts_exactly_what_unread_of_counts(world) -> None:
    clerk = world.clerk_a
    client = world.client_for(clerk)
    assert _badge(client) == 0
    [delivered] = notice_send(recipients=[clerk], key="b1", subject="送达")
    notice_deliver(notice_id=delivered.pk)
    [read] = notice_send(recipients=[clerk], key="b2", subject="已读")
    notice_deliver(notice_id=read.pk)
    Notice.objects.filter(pk=read.pk).update(read_at=timezone.now())
    notice_send(recipients=[clerk], key="b3", subject="待发")  # still pending: not shown
    [failed] = notice_send(recipients=[clerk], key="b4", subject="失败")
    Notice.objects.filter(pk=failed.pk).update(status=NoticeStatus.FAILED)
    # Another channel and another person's notice do not count either.
    clerk.email = "clerk@example.gov.cn"
    clerk.save()
    for notice in notice_send(
        recipients=[clerk], key="b5", subject="邮件", channels_=(Channel.EMAIL,)
    ):
        notice_deliver(notice_id=notice.pk)
    [other] = notice_send(recipients=[world.clerk_b], key="b6", subject="他人")
    notice_deliver(notice_id=other.pk)
    assert unread_of(user=clerk).count() == 1
    assert _badge(client) == 1


def test_the_badge_follows_every_send_and_read_at_once(world) -> None:
    clerk = world.clerk_a
    client = world.client_for(clerk)
    assert _badge(client) == 0
    # The bulk INSERT ... ON CONFLICT of the sweep, past the size it binds in binary.
    drafts = [NoticeDraft((clerk,), f"bulk{i}", f"期限{i}") for i in range(250)]
    created = notices_send(drafts)
    notices_send(drafts)  # the same keys again: no new notice
    for notice_id in created:
        notice_deliver(notice_id=notice_id)
    assert _badge(client) == 250
    notice_mark_read(user=clerk, notice_id=created[0])
    assert _badge(client) == 249
    assert client.post("/notices/read/").status_code == 302
    assert _badge(client) == 0


def test_the_layout_names_the_users_organisation(world) -> None:
    page = world.client_for(world.clerk_a).get("/").content.decode()
    assert f"· {world.prison_a.name}" in page


def test_the_home_page_reads_only_the_oldest_cases_it_shows(world) -> None:
    """Six statements whatever the caseload: session, user, roles, deadlines, the 20 oldest
    cases with their offenders, and the organisation with the unread count."""
    client = world.client_for(world.clerk_a)
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/").content.decode()
    assert len(ctx.captured_queries) == 6, [q["sql"] for q in ctx.captured_queries]
    assert world.case_a.number in page and world.case_b.number not in page
