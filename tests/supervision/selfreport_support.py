"""Shared by the tests of the reporting page (tests/supervision/test_selfreport_*.py): an SMS
adapter that keeps what it sends, the officer's steps through the declared acts, and the
holder's sign-in with the code read from the SMS."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zoneinfo

import pytest
from django.core.cache import cache
from django.test import Client

from cases.acts.runner import act_run
from cases.models import CaseState
from supervision.selfreport.acts import SELFREPORT_CONTACT_RECORD, SELFREPORT_LINK_ISSUE

#: A client address per holder: codes are limited per address too.
_ADDRESSES = itertools.cycle(range(1, 250))
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
APRIL_10 = dt.datetime(2026, 4, 10, 10, tzinfo=SH)
PERSON_PHONE = "13900001111"
GUARANTOR_PHONE = "13800002222"


class CollectingSms:
    """The SMS adapter of the tests: every message kept, newest last."""

    sent: list[dict[str, str]] = []  # shared: the adapter is built anew per SMS

    def send(self, *, phone: str, text: str, key: str) -> None:
        CollectingSms.sent.append({"phone": phone, "text": text, "key": key})


@pytest.fixture
def sms(settings):
    """The collecting adapter, and a fresh cache (codes and their rate limits live there)."""
    settings.TEOP_SMS_BACKEND = "tests.supervision.selfreport_support.CollectingSms"
    CollectingSms.sent = []
    cache.clear()
    yield CollectingSms.sent
    CollectingSms.sent = []
    cache.clear()


def contact_record(world, case, role="person", name="张三", phone=PERSON_PHONE, actor=None):
    return act_run(
        SELFREPORT_CONTACT_RECORD,
        case_id=case.pk,
        actor=actor or world.officer,
        expected_state=CaseState.UNDER_SUPERVISION,
        role=role,
        name=name,
        phone=phone,
    )


def link_send(world, case, sms, role="person"):
    """Issue the link through the act; the token is read from the SMS, as the holder would."""
    link = act_run(
        SELFREPORT_LINK_ISSUE,
        case_id=case.pk,
        actor=world.officer,
        expected_state=CaseState.UNDER_SUPERVISION,
        role=role,
    )
    token = re.search(r"/supervision/report/([A-Za-z0-9_-]+)/", sms[-1]["text"]).group(1)
    return link, token


def one_time_code(text):
    """The six digits of a code SMS (Chinese text has no word boundary around them)."""
    return re.search(r"(?<!\d)(\d{6})(?!\d)", text).group(1)


def sign_in(token, sms, client=None):
    """Ask for a code and enter it; returns the client holding the reporting session."""
    client = client or Client(REMOTE_ADDR=f"10.1.{next(_ADDRESSES)}.1", HTTP_ACCEPT_LANGUAGE="en")
    assert client.post(f"/supervision/report/{token}/code/").status_code == 302
    code = one_time_code(sms[-1]["text"])
    response = client.post(f"/supervision/report/{token}/verify/", {"code": code})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client
