"""The personal reporting link and the one-time code (see the package docstring).

- The link's token is 32 random bytes (URL-safe text); only its SHA-256 is stored, so a copy of
  the database opens no link. A token that is unknown, lapsed, revoked, of a replaced contact
  or of a supervision that has ended is simply not found (a plain 404 for the page).
- The one-time code has 6 digits, is kept in the shared cache as a salted hash for 5 minutes,
  and allows 5 tries; sending one is limited per contact and per client address (1 a minute,
  5 an hour). A right code opens a short session bound to that contact and that link only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from kernel.accounts.models import User

from ..models import SUPERVISION_OPEN, Supervision, SupervisionContact
from .models import ReportingLink

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32
#: Without a known expiry date, a link lasts a year (reissued by the officer after that).
LINK_DAYS_WITHOUT_EXPIRY = 365
OTP_DIGITS = 6
OTP_SECONDS = 5 * 60
OTP_TRIES = 5
#: Sending a code: (window in seconds, at most so many), per contact and per client address.
OTP_SEND_LIMITS = ((60, 1), (3600, 5))
#: The reporting session after a right code.
SESSION_SECONDS = 20 * 60
SESSION_KEY = "selfreport"


# -- SMS -------------------------------------------------------------------------------------


@contextmanager
def public_language() -> Iterator[None]:
    """Texts to the person and the guarantor (SMS) are in the site's language, Chinese,
    whatever language the officer's screen shows."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def sms_send(*, phone: str, text: str, key: str) -> None:
    """Through the configured SMS adapter (`TEOP_SMS_BACKEND`, kernel/notices/channels.py)."""
    backend = import_string(
        getattr(settings, "TEOP_SMS_BACKEND", "kernel.notices.channels.LoggingSmsBackend")
    )()
    backend.send(phone=phone, text=text, key=key)


# -- the link --------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def link_url(token: str) -> str:
    """The link sent by SMS (absolute when `TEOP_PUBLIC_BASE_URL` names the public site)."""
    base = str(getattr(settings, "TEOP_PUBLIC_BASE_URL", "")).rstrip("/")
    return base + reverse("supervision:selfreport_page", args=[token])


def link_expiry(supervision: Supervision, now: dt.datetime) -> dt.datetime:
    """The end of the day the sentence expires; a year from now if no expiry date is known."""
    if supervision.expiry_date is not None:
        end = dt.datetime.combine(
            supervision.expiry_date + dt.timedelta(days=1),
            dt.time(0),
            tzinfo=timezone.get_current_timezone(),
        )
        if end > now:
            return end
    return now + dt.timedelta(days=LINK_DAYS_WITHOUT_EXPIRY)


def links_revoke(contact: SupervisionContact, *, now: dt.datetime | None = None) -> int:
    return ReportingLink.objects.filter(contact=contact, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


def link_issue(
    *, contact: SupervisionContact, actor: User, now: dt.datetime | None = None
) -> tuple[ReportingLink, str]:
    """Revoke the contact's links and issue a new one, sent to the contact's mobile by SMS.
    Returns the link and the token (shown to nobody: it travels only in the SMS)."""
    now = now or timezone.now()
    links_revoke(contact, now=now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ReportingLink.objects.create(
        contact=contact,
        token_hash=token_hash(token),
        issued_at=now,
        expires_at=link_expiry(contact.supervision, now),
        issued_by=actor,
    )
    sms_send(
        phone=contact.phone,
        text=_("Community correction: your personal reporting link (do not share it): %(url)s")
        % {"url": link_url(token)},
        key=f"selfreport-link:{link.pk}",
    )
    return link, token


def link_lookup(token: str, *, now: dt.datetime | None = None) -> ReportingLink | None:
    """The live link of this token, or None (unknown, lapsed, revoked, contact replaced,
    community correction ended)."""
    if not token or len(token) > 100:
        return None
    link = (
        ReportingLink.objects.select_related("contact__supervision__case")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None or not link.is_live(now):
        return None
    if not link.contact.active or link.contact.supervision.state not in SUPERVISION_OPEN:
        return None
    return link


# -- the one-time code -----------------------------------------------------------------------


def _otp_key(contact_id: int) -> str:
    return f"selfreport:otp:{contact_id}"


def _otp_digest(code: str, salt: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{salt}:{code}".encode(), hashlib.sha256
    ).hexdigest()


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


@dataclass(frozen=True)
class Refused:
    """A code not sent, or not accepted, and why (shown to the holder)."""

    message: str
    retry_after: int = 0


def _send_keys(scopes: tuple[str, ...]) -> list[tuple[str, int, int]]:
    return [
        (f"selfreport:send:{scope}:{window}", window, most)
        for scope in scopes
        for window, most in OTP_SEND_LIMITS
    ]


def _send_wait(scopes: tuple[str, ...]) -> int:
    """The seconds to wait before another code may be sent (0: now), counting this one."""
    keys = _send_keys(scopes)
    full = max((window for key, window, most in keys if cache.get(key, 0) >= most), default=0)
    if full:
        return full
    for key, window, _most in keys:
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # lapsed between add and incr
                cache.set(key, 1, timeout=window)
    return 0


def otp_send(link: ReportingLink, *, address: str) -> Refused | None:
    """Send a fresh code to the contact's mobile, unless a limit is reached."""
    contact = link.contact
    wait = _send_wait((f"contact:{contact.pk}", f"addr:{address}"))
    if wait:
        return Refused(
            _(
                "A code was sent a moment ago. You can ask for at most one code a minute and "
                "five an hour; please wait and try again."
            ),
            retry_after=wait,
        )
    code = f"{secrets.randbelow(10**OTP_DIGITS):0{OTP_DIGITS}d}"
    salt = secrets.token_hex(8)
    cache.set(
        _otp_key(contact.pk),
        {
            "salt": salt,
            "digest": _otp_digest(code, salt),
            "tries": 0,
            "link": link.pk,
            "until": timezone.now().timestamp() + OTP_SECONDS,
        },
        timeout=OTP_SECONDS,
    )
    with public_language():
        text = _("Community correction reporting page: your code is %(code)s, valid 5 minutes.")
        text %= {"code": code}
    sms_send(phone=contact.phone, text=text, key=f"selfreport-otp:{contact.pk}")
    return None


def otp_verify(link: ReportingLink, code: str) -> Refused | None:
    """Check the code; a wrong one counts a try, the fifth wrong one ends the code."""
    key = _otp_key(link.contact_id)
    stored: dict[str, Any] | None = cache.get(key)
    left = float(stored["until"]) - timezone.now().timestamp() if stored else 0
    if stored is None or stored.get("link") != link.pk or left <= 0:
        return Refused(_("The code has expired or was not asked for. Ask for a new code."))
    if stored["tries"] >= OTP_TRIES:
        cache.delete(key)
        return Refused(_("Too many wrong codes. Ask for a new code."))
    code = (code or "").strip()
    if hmac.compare_digest(_otp_digest(code, stored["salt"]), stored["digest"]):
        cache.delete(key)
        return None
    stored["tries"] += 1
    if stored["tries"] >= OTP_TRIES:
        cache.delete(key)
        return Refused(_("Too many wrong codes. Ask for a new code."))
    cache.set(key, stored, timeout=max(1, int(left)))  # the 5 minutes are not extended
    return Refused(_("Wrong code. %(left)s tries left.") % {"left": OTP_TRIES - stored["tries"]})


# -- the reporting session -------------------------------------------------------------------


def session_open(request: HttpRequest, link: ReportingLink) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "link": link.pk,
        "contact": link.contact_id,
        "until": (timezone.now() + dt.timedelta(seconds=SESSION_SECONDS)).timestamp(),
    }


def session_holds(request: HttpRequest, link: ReportingLink) -> bool:
    """Whether this browser proved, with a code, that it holds this link's contact's phone."""
    held = request.session.get(SESSION_KEY)
    if not isinstance(held, dict):
        return False
    return (
        held.get("link") == link.pk
        and held.get("contact") == link.contact_id
        and float(held.get("until", 0)) > timezone.now().timestamp()
    )


def session_close(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
