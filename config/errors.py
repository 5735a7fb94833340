"""The application's own error pages (400, 403, 404, 500 and a refused CSRF check).

Each page says what happened in the user's language and offers a way back: the previous page
(when it was one of ours), the user's own work list and, where the user has one, the inbox of
their organ. 400, 403 and 404 extend base.html. The 500 page is self-contained: it is rendered
without a request context, so no context processor or database query can fail a second time.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from kernel.accounts.roles import INVESTIGATING_ROLES, Role


def _back_url(request: HttpRequest) -> str:
    """The referring page, only when it is a page of this site (never an outside address)."""
    referer = str(request.META.get("HTTP_REFERER", ""))
    if not referer:
        return ""
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: a 400 for a bad Host header offers no "back"
        return ""
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={host}):
        return referer
    return ""


def _ways_back(request: HttpRequest) -> list[tuple[str, object, str]]:
    """(url, label, element id) of each link back, the most specific first."""
    links: list[tuple[str, object, str]] = []
    back = _back_url(request)
    if back and back != request.build_absolute_uri():
        links.append((back, _("Back to the previous page"), "error-back"))
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        roles = user.role_codes
        if Role.PROCURATOR in roles:
            links.append((reverse("procuracy:receipt_inbox"), _("Inbox of copies"), "error-inbox"))
        elif roles & INVESTIGATING_ROLES:
            links.append(
                (reverse("cases:inquiry_inbox"), _("Investigation requests"), "error-inbox")
            )
        links.append((reverse("cases:my_work"), _("My work"), "error-home"))
    else:
        links.append((reverse("login"), _("Log in"), "error-home"))
    return links


def _render(request: HttpRequest, template: str, status: int) -> HttpResponse:
    body = loader.render_to_string(
        template,
        {"status": status, "ways_back": _ways_back(request)},
        request,
    )
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "404.html", 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form was sent without (or with a stale) security token."""
    return _render(request, "403_csrf.html", 403)


def server_error(request: HttpRequest) -> HttpResponse:
    """No request context: the fault may lie in the database or a context processor."""
    body = loader.get_template("500.html").render({"home": reverse("cases:my_work")})
    return HttpResponse(body, status=500)
