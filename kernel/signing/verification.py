"""`/verify/`: anyone, signed in or not, may check the digital signature of a PDF they received.

The page is open to the world, so every cost is bounded before it is paid (issue #9 item 2):

- `PublicUploadGuardMiddleware` runs before CSRF (which reads the body): too many uploads
  from one client address answer 429 and a Content-Length over the limit answers 413, from
  the request headers alone;
- `LimitedUploadHandler` stops reading a file as soon as it passes the limit;
- the form counts revisions on the raw bytes and refuses more than TEOP_VERIFY_MAX_REVISIONS;
- at most TEOP_VERIFY_CONCURRENCY checks run at once per process (503 beyond, never a queue);
- the check runs in a child process killed after TEOP_VERIFY_TIME_LIMIT_SECONDS, answering
  "could not be checked in time".
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from .forms import (
    VerifyUploadForm,
    max_verify_bytes,
    max_verify_revisions,
    too_large_message,
    too_many_revisions_message,
)
from .pdf import SignatureReport, TooManyRevisions, pdf_verify_isolated

logger = logging.getLogger(__name__)

#: Room for the form's other fields, the multipart boundaries and part headers around the file.
MULTIPART_ALLOWANCE = 64 * 1024

RATE_GROUP = "signing.verify"


# -- before the body is read --------------------------------------------------------------------


def public_upload(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view that takes file uploads from anyone, for `PublicUploadGuardMiddleware`."""
    view.public_upload = True  # type: ignore[attr-defined]
    return view


class LimitedUploadHandler(FileUploadHandler):
    """Stops the upload as soon as more than `limit` bytes of file content have arrived, so an
    oversized file is never read to its end, whatever the request declared."""

    def __init__(self, request: HttpRequest, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _upload_stopped(request: HttpRequest) -> bool:
    return any(
        isinstance(handler, LimitedUploadHandler) and handler.exceeded
        for handler in request.upload_handlers
    )


def _rate_limited(request: HttpRequest) -> bool:
    rate = f"{int(settings.TEOP_VERIFY_UPLOADS_PER_MINUTE)}/m"
    try:
        return bool(
            is_ratelimited(
                request, group=RATE_GROUP, key="ip", rate=rate, method="POST", increment=True
            )
        )
    except Exception:  # the shared cache is down: the other bounds still hold, so serve
        logger.warning("Upload rate limit not checked: the cache is unavailable", exc_info=True)
        return False


def _refusal(request: HttpRequest, status: int, message: str, retry_after: int = 0) -> HttpResponse:
    response = render(request, "signing/verify_refused.html", {"message": message}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:  # Django reads such a body as empty
        return 0


class PublicUploadGuardMiddleware:
    """Refuse a POST to a `@public_upload` view from its headers, before anything reads the
    body; it must come before CsrfViewMiddleware, whose check parses the form."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if request.method != "POST" or not getattr(view_func, "public_upload", False):
            return None
        if _rate_limited(request):
            per_minute = int(settings.TEOP_VERIFY_UPLOADS_PER_MINUTE)
            address = request.META.get("REMOTE_ADDR")
            logger.warning("Verification upload refused: rate limit reached by %s", address)
            message = _(
                "Too many files have been sent for checking from your address: at most "
                "%(count)s a minute. Wait a minute and try again."
            ) % {"count": per_minute}
            return _refusal(request, 429, message, retry_after=60)
        limit = max_verify_bytes()
        declared = _declared_length(request)
        if declared > limit + MULTIPART_ALLOWANCE:
            logger.warning("Verification upload refused unread: %d bytes declared", declared)
            return _refusal(request, 413, too_large_message())
        handlers = request.upload_handlers
        if isinstance(handlers, list):  # an ImmutableList once the body has been parsed
            handlers.insert(0, LimitedUploadHandler(request, limit=limit))
        return None


# -- the check ----------------------------------------------------------------------------------


class _Slots:
    """At most TEOP_VERIFY_CONCURRENCY checks at once in this process; never a queue."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._busy = 0

    @contextmanager
    def take(self) -> Iterator[bool]:
        with self._lock:
            free = self._busy < int(settings.TEOP_VERIFY_CONCURRENCY)
            if free:
                self._busy += 1
        try:
            yield free
        finally:
            if free:
                with self._lock:
                    self._busy -= 1


_slots = _Slots()


@public_upload
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not, may check the digital signature of a PDF they received."""
    if request.method != "POST":
        return _page(request, VerifyUploadForm())
    form = VerifyUploadForm(request.POST, request.FILES)
    if _upload_stopped(request):
        form = VerifyUploadForm(request.POST, {}, file_refused=too_large_message())
    if not form.is_valid():
        return _page(request, form, status=400)
    with _slots.take() as free:
        if not free:
            message = _(
                "The verification service is busy checking other files. Try again in a minute."
            )
            return _refusal(request, 503, message, retry_after=30)
        try:
            report = pdf_verify_isolated(
                form.cleaned_data["file"],
                seconds=float(settings.TEOP_VERIFY_TIME_LIMIT_SECONDS),
                max_revisions=max_verify_revisions(),
            )
        except TooManyRevisions as refusal:
            form.add_error("file", too_many_revisions_message(refusal.count))
            return _page(request, form, status=400)
    return _page(request, form, report=report)


def _page(
    request: HttpRequest,
    form: VerifyUploadForm,
    *,
    report: SignatureReport | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "report": report}
    return render(request, "signing/verify.html", context, status=status)
