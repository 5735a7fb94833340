"""The inbox lists the copies supervision sends beside the prison's copies and the decisions:
pending first, then the recently acknowledged, with the case, the kind, the sender and the day
sent; it filters by kind, pages, and costs the same queries however many rows of each kind it
shows. The lane's `receipt` section offers the acknowledgement. A copy left unacknowledged for
TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS working days alerts its sender (D-09a)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from approvals.models import Delivery
from kernel.deadlines.models import Deadline, DeadlineRung, DeadlineStatus, Rung
from kernel.deadlines.services import sweep
from kernel.notices.models import Notice
from supervision.models import HandOver
from tests.approvals.conftest import proposed  # noqa: F401
from tests.supervision.conftest import approved, received, supervised  # noqa: F401

from .receipt_helpers import SH, more_copies
from .receipt_supervision_helpers import HANDED_OVER, acknowledge, revocation_sent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _get(client, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("procuracy:receipt_inbox"), query)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _more_of_each_kind(world, case, proposal, count: int) -> list[HandOver]:
    """`count` more cases of prison A with a prison copy and a notified hand-over each, and
    `count` more proposals for imprisonment copied to proc_a (written directly: the inbox only
    reads them)."""
    hand_overs = []
    for i, copy in enumerate(more_copies(world, count, start=200)):
        hand_overs.append(
            HandOver.objects.create(
                case=copy.case,
                handed_over_at=HANDED_OVER,
                place="西湖区社区矫正中心",
                institution_signatory="王警官",
                cci_signatory="陈矫正官",
                documents="暂予监外执行决定书",
                signed_record=case.hand_over.signed_record,
                procuratorate_notified_at=HANDED_OVER + dt.timedelta(days=i + 1),
                recorded_by=world.clerk_a,
            )
        )
    for _i in range(count):
        proposal.pk = None
        proposal.save()
    return hand_overs


def test_the_inbox_lists_every_kind_in_constant_queries_filters_and_pages(
    world,
    supervised,  # noqa: F811
    monkeypatch,
) -> None:
    proposal = revocation_sent(world, supervised)
    hand_over = supervised.hand_over
    acknowledge(world, supervised, "hand_over", hand_over.pk, on=dt.date(2026, 3, 31))
    client = world.client_for(world.procurator_a)
    _get(client)  # the first request of a session reads more (session, sign-in)
    page, few = _get(client)
    row = f'id="inbox-record-revocation_copy-{proposal.pk}"'
    assert row in page and f'id="acknowledge-record-revocation_copy-{proposal.pk}"' in page
    assert f'id="recent-record-hand_over-{hand_over.pk}"' in page
    assert supervised.number in page and world.cja.name in page
    assert "收监执行建议书（抄送）" in page and "2026-06-28" in page
    hand_overs = _more_of_each_kind(world, supervised, proposal, 4)
    acknowledge(world, hand_overs[0].case, "hand_over", hand_overs[0].pk, on=dt.date(2026, 4, 1))
    page, many = _get(client)
    assert all(f'id="inbox-record-hand_over-{h.pk}"' in page for h in hand_overs[1:])
    assert f'id="recent-record-hand_over-{hand_overs[0].pk}"' in page
    assert page.count('id="inbox-record-revocation_copy-') == 5
    assert many == few
    # Pending first, oldest first: the hand-overs of March and April before June's proposals.
    assert page.index(f"inbox-record-hand_over-{hand_overs[1].pk}") < page.index(row)
    # Filtered by kind: only the proposals' copies, no other table.
    filtered, _n = _get(client, kind="revocation_copy")
    assert row in filtered and "inbox-record-hand_over-" not in filtered
    assert 'id="receipt-inbox-copies"' not in filtered
    assert 'id="receipt-inbox-decisions"' not in filtered
    prison_only, _n = _get(client, kind="prison")
    assert 'id="receipt-inbox-records"' not in prison_only
    assert 'id="receipt-inbox-copies"' in prison_only
    # Paged.
    monkeypatch.setattr("procuracy.receipt.views.INBOX_PAGE_SIZE", 3)
    first, _n = _get(client, kind="revocation_copy")
    second, _n = _get(client, kind="revocation_copy", spage="2")
    assert first.count('id="inbox-record-') == 3 and second.count('id="inbox-record-') == 2
    assert "?spage=2&amp;kind=revocation_copy" in first


def test_the_lane_offers_the_acknowledgement_and_the_inbox_posts_it(
    world,
    supervised,  # noqa: F811
) -> None:
    hand_over = supervised.hand_over
    lane = reverse("procuracy:lane", args=[supervised.pk])
    page = world.client_for(world.procurator_a).get(lane).content.decode()
    assert f'id="record-hand_over-{hand_over.pk}"' in page
    assert f'id="acknowledge-record-hand_over-{hand_over.pk}"' in page
    url = reverse("procuracy:receipt_record_acknowledge", args=[supervised.pk])
    body = {"kind": "hand_over", "record_id": hand_over.pk, "back": "inbox"}
    assert world.client_for(world.clerk_a).post(url, body).status_code == 403
    assert world.client_for(world.procurator_b).post(url, body).status_code == 404
    refused = world.client_for(world.procurator_a).post(url, {**body, "received_on": "2026-03-01"})
    assert refused.status_code == 400
    done = world.client_for(world.procurator_a).post(url, body)
    assert done.status_code == 302 and done["Location"] == reverse("procuracy:receipt_inbox")
    page = world.client_for(world.procurator_a).get(lane).content.decode()
    assert f'id="record-acknowledged-hand_over-{hand_over.pk}-{world.proc_a.pk}"' in page
    assert f'id="acknowledge-record-hand_over-{hand_over.pk}"' not in page


def _overdue_notices(record, user) -> list[Notice]:
    deadline = Deadline.objects.get(
        kind="D-09a", subject_type__model=record._meta.model_name, subject_id=record.pk
    )
    rungs = DeadlineRung.objects.filter(
        deadline=deadline, rung=Rung.OVERDUE, fired_at__isnull=False
    )
    keys = [f"rung:{r.pk}:" for r in rungs]
    return [
        n
        for n in Notice.objects.filter(recipient=user)
        if any(n.delivery_key.startswith(k) for k in keys)
    ]


def test_an_unacknowledged_copy_alerts_its_sender_after_three_working_days(
    world,
    supervised,  # noqa: F811
) -> None:
    hand_over = supervised.hand_over  # notified Monday 30 March
    delivery = supervised.decision.deliveries.get(purpose=Delivery.Purpose.PROCURATORATE)
    sweep(now=dt.datetime(2026, 4, 2, 12, tzinfo=SH))
    assert _overdue_notices(hand_over, world.clerk_a) == []
    sweep(now=dt.datetime(2026, 4, 10, 9, tzinfo=SH))
    assert _overdue_notices(hand_over, world.clerk_a)  # the prison that handed over
    assert _overdue_notices(delivery, world.approver)  # the deciding organ (sent 25 March)
    proposal = revocation_sent(world, supervised)  # sent Sunday 28 June
    sweep(now=dt.datetime(2026, 7, 1, 9, tzinfo=SH))
    assert _overdue_notices(proposal, world.cja_head) == []
    sweep(now=dt.datetime(2026, 7, 10, 9, tzinfo=SH))
    assert _overdue_notices(proposal, world.cja_head)  # the county judicial administration
    deadline = Deadline.objects.get(
        kind="D-09a", subject_id=proposal.pk, subject_type__model="revocationproposal"
    )
    assert deadline.status == DeadlineStatus.OVERDUE
