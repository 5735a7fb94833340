"""Middleware that protects every response the same way, so no view has to remember.

- `TrustedProxyMiddleware`: only the TLS-terminating proxy may say which scheme and client
  address a request came from; the same headers from anyone else are dropped.
- `SessionTimeoutMiddleware`: a government office signs out a user who walked away (idle
  timeout) and, whatever happens, at the end of the working day (absolute lifetime).
- `PrivateResponseMiddleware`: nothing a signed-in user sees, no API answer and no download
  is kept by a browser or a shared cache (`Cache-Control: no-store`); every page carries the
  Permissions-Policy.
"""

from __future__ import annotations

import contextlib
import ipaddress
import time
from collections.abc import Callable
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

Handler = Callable[[HttpRequest], HttpResponse]

#: Session keys: when the session was signed in, and when it was last used.
SESSION_STARTED = "_teop_session_started"
SESSION_SEEN = "_teop_session_seen"
#: Write the "last seen" time at most this often, so reading pages does not write the session
#: on every request.
SEEN_RESOLUTION_SECONDS = 60

_FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP")


class TrustedProxyMiddleware:
    """Honour X-Forwarded-Proto and X-Real-IP only from the proxies in TEOP_TRUSTED_PROXIES.

    From a trusted proxy, REMOTE_ADDR becomes the client address the proxy saw, so login
    lockouts and upload rate limits count clients, not the proxy.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    @cached_property
    def networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [ipaddress.ip_network(cidr, strict=False) for cidr in settings.TEOP_TRUSTED_PROXIES]

    def is_trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        if self.is_trusted(meta.get("REMOTE_ADDR", "")):
            client = meta.get("HTTP_X_REAL_IP", "").strip()
            if client:
                with contextlib.suppress(ValueError):
                    meta["REMOTE_ADDR"] = str(ipaddress.ip_address(client))
        else:
            for header in _FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Sign out after TEOP_SESSION_IDLE_SECONDS without a request, or TEOP_SESSION_ABSOLUTE_SECONDS
    after signing in; the next page asks for the password again and says why."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            expired = self._expired(request)
            if expired:
                logout(request)
                messages.info(request, expired)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _expired(request: HttpRequest) -> str:
        now = int(time.time())
        session = request.session
        started = session.get(SESSION_STARTED)
        seen = session.get(SESSION_SEEN)
        if started is None or seen is None:
            session[SESSION_STARTED] = started or now
            session[SESSION_SEEN] = now
            return ""
        if now - int(started) > settings.TEOP_SESSION_ABSOLUTE_SECONDS:
            hours = settings.TEOP_SESSION_ABSOLUTE_SECONDS // 3600
            return _(
                "You were signed out because a session lasts at most %(hours)d hours. "
                "Please sign in again."
            ) % {"hours": hours}
        if now - int(seen) > settings.TEOP_SESSION_IDLE_SECONDS:
            minutes = settings.TEOP_SESSION_IDLE_SECONDS // 60
            return _(
                "You were signed out after %(minutes)d minutes without activity. "
                "Please sign in again."
            ) % {"minutes": minutes}
        if now - int(seen) >= SEEN_RESOLUTION_SECONDS:
            session[SESSION_SEEN] = now
        return ""


class PrivateResponseMiddleware:
    """`Cache-Control: no-store` on every authenticated page, API answer and download;
    Permissions-Policy on every response."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.TEOP_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        private = (
            (user is not None and user.is_authenticated)
            or request.path.startswith("/api/")
            or response.headers.get("Content-Disposition", "").startswith("attachment")
        )
        if private:
            response.headers["Cache-Control"] = "no-store, private"
            response.headers["Pragma"] = "no-cache"
        return response
