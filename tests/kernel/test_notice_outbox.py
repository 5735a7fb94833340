"""Notices are written with the event that causes them and delivered once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from kernel.notices.models import Channel, Notice, NoticeStatus
from kernel.notices.services import notice_deliver, notice_relay_pending, notice_send

pytestmark = pytest.mark.django_db


def test_notice_is_written_in_the_same_transaction_as_its_cause(world) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        notice_send(recipients=[world.clerk_a], key="k1", subject="x")
        raise RuntimeError("the causing event failed")
    assert not Notice.objects.exists()


def test_same_delivery_key_twice_writes_one_notice(world) -> None:
    notice_send(recipients=[world.clerk_a], key="k2", subject="x")
    notice_send(recipients=[world.clerk_a], key="k2", subject="x")
    assert Notice.objects.count() == 1


def test_delivering_twice_delivers_once(world) -> None:
    [notice] = notice_send(recipients=[world.clerk_a], key="k3", subject="x")
    assert notice_deliver(notice_id=notice.pk) is True
    assert notice_deliver(notice_id=notice.pk) is False
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DELIVERED
    assert notice.deliveries == 1


def test_email_goes_through_django_mail_backend(world) -> None:
    world.clerk_a.email = "clerk@example.gov.cn"
    world.clerk_a.save()
    [notice] = notice_send(
        recipients=[world.clerk_a], key="k4", subject="期限将至", channels_=[Channel.EMAIL]
    )
    notice_deliver(notice_id=notice.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "期限将至"


def test_failed_channel_is_retried_with_back_off(world) -> None:
    [notice] = notice_send(
        recipients=[world.clerk_a], key="k5", subject="x", channels_=[Channel.SMS]
    )  # no phone number: the channel fails
    assert notice_deliver(notice_id=notice.pk) is False
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PENDING
    assert notice.attempts == 1
    assert "phone" in notice.last_error
    assert notice.next_attempt_at > notice.created_at


def test_sms_goes_through_the_adapter(world, caplog) -> None:
    world.clerk_a.phone = "13800000000"
    world.clerk_a.save()
    [notice] = notice_send(
        recipients=[world.clerk_a], key="k6", subject="x", channels_=[Channel.SMS]
    )
    with caplog.at_level("INFO"):
        assert notice_deliver(notice_id=notice.pk) is True
    assert "13800000000" in caplog.text


def test_relay_hands_pending_notices_to_the_broker(world, monkeypatch) -> None:
    handed: list[int] = []
    monkeypatch.setattr(
        "kernel.notices.tasks.deliver_notices.apply_async",
        lambda args, **kw: handed.extend(args[0]),
    )
    notices = notice_send(recipients=[world.clerk_a, world.leader_a], key="k7", subject="x")
    assert notice_relay_pending() == 2
    assert sorted(handed) == sorted(n.pk for n in notices)


def test_notification_centre_counts_lists_and_marks_read(world) -> None:
    [notice] = notice_send(
        recipients=[world.clerk_a],
        key="k8",
        subject="请于三日内公告",
        link=world.case_a.get_absolute_url(),
    )
    notice_deliver(notice_id=notice.pk)
    client = world.client_for(world.clerk_a)
    page = client.get("/notices/").content.decode()
    assert "请于三日内公告" in page
    assert 'class="badge">1<' in client.get("/").content.decode()
    assert client.post(f"/notices/{notice.pk}/read/").status_code == 302
    assert 'class="badge"' not in client.get("/").content.decode()


def test_nobody_reads_or_marks_someone_elses_notices(world) -> None:
    [notice] = notice_send(recipients=[world.clerk_a], key="k9", subject="机密")
    notice_deliver(notice_id=notice.pk)
    other = world.client_for(world.clerk_b)
    assert "机密" not in other.get("/notices/").content.decode()
    assert other.post(f"/notices/{notice.pk}/read/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
