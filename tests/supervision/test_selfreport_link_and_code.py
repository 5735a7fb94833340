"""The personal reporting link and the one-time code: the token is random and kept only as a
hash, lapses at the end of supervision and is revoked when reissued, when the contact is
replaced or when supervision ends (a plain 404); the code has 6 digits, lasts 5 minutes,
allows 5 tries, and sending one is limited per contact and per address."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import time_machine
from django.test import Client

from cases.models import CaseState
from supervision.models import Supervision, SupervisionContact
from supervision.selfreport.models import ReportingLink
from supervision.selfreport.services import link_lookup, otp_send, otp_verify
from supervision.services import death_record

from .selfreport_support import (
    APRIL_10,
    PERSON_PHONE,
    contact_record,
    link_send,
    one_time_code,
    sign_in,
    sms,  # noqa: F401  (fixture)
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def linked(world, supervised, sms):  # noqa: F811
    with time_machine.travel(APRIL_10, tick=False):
        contact_record(world, supervised)
        link, token = link_send(world, supervised, sms)
    return link, token


def test_the_token_is_stored_only_as_its_hash_and_lasts_until_the_sentence_expires(
    world,
    supervised,
    linked,
    sms,  # noqa: F811
) -> None:
    link, token = linked
    assert len(token) >= 40
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not ReportingLink.objects.filter(token_hash=token).exists()
    assert sms[-1]["phone"] == PERSON_PHONE
    expiry = Supervision.objects.get(case=supervised).expiry_date
    assert expiry is not None
    assert link.expires_at.astimezone(dt.UTC) > dt.datetime.combine(expiry, dt.time(0), dt.UTC)
    with time_machine.travel(APRIL_10, tick=False):
        assert link_lookup(token) == link
        assert link_lookup(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    with time_machine.travel(link.expires_at + dt.timedelta(seconds=1), tick=False):
        assert link_lookup(token) is None


def test_a_wrong_or_lapsed_token_is_a_plain_404(world, supervised, linked) -> None:
    link, token = linked
    client = Client()
    with time_machine.travel(APRIL_10, tick=False):
        assert client.get(f"/supervision/report/{token}/").status_code == 200
        wrong = client.get("/supervision/report/not-a-token/")
    assert wrong.status_code == 404
    assert "张三" not in wrong.content.decode()
    with time_machine.travel(link.expires_at + dt.timedelta(days=1), tick=False):
        assert client.get(f"/supervision/report/{token}/").status_code == 404


def test_reissuing_revokes_the_old_link(world, supervised, linked, sms) -> None:  # noqa: F811
    _link, old = linked
    with time_machine.travel(APRIL_10, tick=False):
        _new_link, new = link_send(world, supervised, sms)
        assert link_lookup(old) is None
        assert link_lookup(new) is not None


def test_replacing_the_contact_revokes_their_link_and_keeps_the_history(
    world, supervised, linked
) -> None:
    _link, token = linked
    with time_machine.travel(APRIL_10, tick=False):
        contact_record(world, supervised, name="张三", phone="13900009999")
        assert link_lookup(token) is None
    contacts = SupervisionContact.objects.filter(supervision__case=supervised, role="person")
    assert [(c.phone, c.active) for c in contacts.order_by("created_at", "pk")] == [
        (PERSON_PHONE, False),
        ("13900009999", True),
    ]


def test_the_link_is_revoked_when_supervision_ends(world, supervised, linked) -> None:
    link, token = linked
    with time_machine.travel(APRIL_10 + dt.timedelta(days=5), tick=False):
        death_record(
            case_id=supervised.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            discovered_on=dt.date(2026, 4, 14),
            cause="肝癌晚期",
            reported_by="保证人",
        )
        link.refresh_from_db()
        assert link.revoked_at is not None
        assert Client().get(f"/supervision/report/{token}/").status_code == 404


def test_a_code_opens_a_session_bound_to_this_contact(world, supervised, linked, sms) -> None:  # noqa: F811
    _link, token = linked
    with time_machine.travel(APRIL_10, tick=False):
        client = Client()
        before = client.get(f"/supervision/report/{token}/").content.decode()
        assert 'id="selfreport-code"' in before and 'id="selfreport-send"' not in before
        sign_in(token, sms, client)
        after = client.get(f"/supervision/report/{token}/").content.decode()
    assert 'id="selfreport-send"' in after and 'id="selfreport-owed"' in after
    assert one_time_code(sms[-1]["text"])


def test_the_code_lasts_five_minutes(world, supervised, linked, sms) -> None:  # noqa: F811
    link, _token = linked
    with time_machine.travel(APRIL_10, tick=False):
        assert otp_send(link, address="10.0.0.1") is None
    code = one_time_code(sms[-1]["text"])
    with time_machine.travel(APRIL_10 + dt.timedelta(minutes=5, seconds=1), tick=False):
        refused = otp_verify(link, code)
    assert refused is not None and "expired" in refused.message


def test_five_wrong_codes_end_the_code(world, supervised, linked, sms) -> None:  # noqa: F811
    link, _token = linked
    with time_machine.travel(APRIL_10, tick=False):
        assert otp_send(link, address="10.0.0.1") is None
        code = one_time_code(sms[-1]["text"])
        wrong = f"{(int(code) + 1) % 1000000:06d}"
        answers = [otp_verify(link, wrong) for _ in range(5)]
        assert "4 tries left" in answers[0].message
        assert "Too many wrong codes" in answers[4].message
        # Even the right code no longer opens anything: ask for a new one.
        assert otp_verify(link, code) is not None


def test_codes_are_limited_per_contact_and_per_address(world, supervised, linked, sms) -> None:  # noqa: F811
    link, token = linked
    with time_machine.travel(APRIL_10, tick=False) as traveller:
        assert otp_send(link, address="10.0.0.1") is None
        again = otp_send(link, address="10.0.0.2")
        assert again is not None and again.retry_after == 60
        for _minute in range(4):
            traveller.shift(61)
            assert otp_send(link, address=f"10.0.1.{_minute}") is None
        traveller.shift(61)
        refused = otp_send(link, address="10.0.2.1")
        assert refused is not None and refused.retry_after == 3600
        assert len(sms) == 1 + 5  # the link, then five codes
        # Over HTTP the refusal is 429 with Retry-After.
        response = Client().post(f"/supervision/report/{token}/code/")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"


def test_one_address_cannot_ask_codes_for_many_contacts(world, supervised, linked, sms) -> None:  # noqa: F811
    link, _token = linked
    with time_machine.travel(APRIL_10, tick=False):
        contact_record(world, supervised, role="guarantor", name="李四", phone="13800002222")
        guarantor_link, _t = link_send(world, supervised, sms, role="guarantor")
        assert otp_send(link, address="10.9.9.9") is None
        refused = otp_send(guarantor_link, address="10.9.9.9")
    assert refused is not None


def test_the_officer_records_the_number_and_sends_the_link_from_the_page(
    world,
    supervised,
    sms,  # noqa: F811
) -> None:
    client = world.client_for(world.officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    base = f"/supervision/cases/{supervised.pk}/community/selfreport/"
    step = {"expected_state": "under_supervision"}
    with time_machine.travel(APRIL_10, tick=False):
        early = client.post(base + "link/", {**step, "role": "guarantor"})
        assert early.status_code == 400  # no number yet: the article is named
        assert "Record the contact" in early.content.decode()
        recorded = client.post(
            base + "contact/", {**step, "role": "guarantor", "name": "李四", "phone": "13800002222"}
        )
        assert recorded.status_code == 302
        assert client.post(base + "link/", {**step, "role": "guarantor"}).status_code == 302
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
        assert client.post(base + "link/revoke/", {**step, "role": "guarantor"}).status_code == 302
    assert sms[-1]["phone"] == "13800002222" and "/supervision/report/" in sms[-1]["text"]
    assert 'id="section-selfreport"' in page and "13800002222" in page
    assert not ReportingLink.objects.filter(revoked_at__isnull=True).exists()
