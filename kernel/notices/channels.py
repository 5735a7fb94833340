"""Delivery channels. Each raises on failure; the relay retries with back-off."""

from __future__ import annotations

import logging
import os
import time
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from .models import Channel, Notice

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, *, phone: str, text: str, key: str) -> None: ...


class LoggingSmsBackend:
    """Writes the message to the log: the default until a provider's adapter is configured."""

    def send(self, *, phone: str, text: str, key: str) -> None:
        logger.info("SMS to %s [%s]: %s", phone, key, text)


def _test_delay() -> None:
    # Integration tests kill a worker in the middle of a delivery; this widens the window.
    delay = float(os.environ.get("TEOP_TEST_DELIVERY_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)


def deliver(notice: Notice) -> None:
    _test_delay()
    if notice.channel == Channel.IN_APP or notice.channel == Channel.POST:
        # The notice row is the in-app item (and the registry's post book entry).
        return
    if notice.channel == Channel.EMAIL:
        address = notice.recipient.email if notice.recipient else ""
        if not address:
            raise ValueError("The recipient has no e-mail address.")
        message = EmailMessage(
            subject=notice.subject,
            body=notice.body,
            to=[address],
            headers={"Message-ID": f"<{notice.delivery_key}@teop>"},
        )
        message.send(fail_silently=False)
        return
    if notice.channel == Channel.SMS:
        phone = notice.recipient.phone if notice.recipient else ""
        if not phone:
            raise ValueError("The recipient has no mobile phone number.")
        backend: SmsBackend = import_string(
            getattr(settings, "TEOP_SMS_BACKEND", "kernel.notices.channels.LoggingSmsBackend")
        )()
        backend.send(phone=phone, text=f"{notice.subject} {notice.link}", key=notice.delivery_key)
        return
    raise ValueError(f"Unknown channel {notice.channel}")
