"""Role-aware navigation for the base layout."""

from __future__ import annotations

import functools
from typing import Any

from django.core.signals import setting_changed
from django.db import connections
from django.db.models import F, Func, Subquery
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User
from .roles import (
    APPROVING_ROLES,
    COURT_ROLES,
    EXECUTING_PUBLIC_SECURITY_ROLES,
    INVESTIGATING_ROLES,
    Role,
)

_CASE_ROLES = {
    Role.PRISON_CLERK,
    Role.PRISON_LEADER,
    Role.APPROVER,
    Role.APPROVING_HEAD,
    Role.PROCURATOR,
    Role.CORRECTION_OFFICER,
    Role.COURT_CLERK,
    Role.JUDGE,
}


_CASELOAD_ROLES = frozenset({Role.CORRECTION_OFFICER, Role.PROCURATOR})

NavItems = tuple[tuple[str, str], ...]


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "unread_notices": 0}
    items = nav_items_for(
        user.role_codes,
        bool(user.is_superuser),
        # The links are static for one urlconf and script prefix, the labels for a language.
        get_urlconf(),
        get_script_prefix(),
        get_language(),
    )
    return {"nav_items": items, "unread_notices": _unread_and_organisation(user)}


@functools.lru_cache(maxsize=512)
def nav_items_for(
    roles: frozenset[str],
    superuser: bool,
    urlconf: str | None,
    script_prefix: str,
    language: str | None,
) -> NavItems:
    """The navigation of a user holding `roles`: the same for every such user, so built once
    per process for each set of roles and language (about 15 `reverse` calls and as many
    translations each time otherwise; issue 15). `urlconf`, `script_prefix` and `language`
    are read by `reverse` and `gettext`, not here: they key the memo."""
    items = [(reverse("cases:my_work"), _("My work"))]
    if roles & _CASE_ROLES:
        items.append((reverse("cases:case_list"), _("Cases")))
        items.append((reverse("cases:offender_list"), _("Offenders")))
    if roles & COURT_ROLES:
        items.append((reverse("approvals:court_defendants"), _("Defendants (court path)")))
    if roles & INVESTIGATING_ROLES:
        items.append((reverse("cases:inquiry_inbox"), _("Investigation requests")))
        items.append((reverse("approvals:court_investigations"), _("Investigations for courts")))
    if Role.HOSPITAL_LIAISON in roles:  # the designated hospital (issue 13)
        items.append((reverse("procuracy:review_hospital_requests"), _("Requests to the hospital")))
    if roles & EXECUTING_PUBLIC_SECURITY_ROLES:  # bail on the court path (issue 13)
        items.append(
            (reverse("supervision:public_security_inbox"), _("Hand-overs to community correction"))
        )
    # Community correction: the CCI's caseload, read-only for the procuratorate and the
    # deciding organ, which also reads the condition reviews (issue 11).
    if roles & (_CASELOAD_ROLES | APPROVING_ROLES | COURT_ROLES):
        items.append((reverse("supervision:caseload"), pgettext_lazy("caseload", "Caseload")))
    if roles & (APPROVING_ROLES | COURT_ROLES | {Role.PROCURATOR}):
        items.append(
            (
                reverse("supervision:caseload_reviews"),
                pgettext_lazy("caseload", "Condition reviews"),
            )
        )
    # Records of other organs (issue 13): procurators import them for their procuratorate.
    if Role.PROCURATOR in roles or Role.SYSTEM_ADMIN in roles:
        items.append(
            (
                reverse("procuracy:imports_list"),
                pgettext_lazy("navigation", "Records of other organs"),
            )
        )
    # The procuratorate signs for the copies and decisions sent to it (issue 13).
    if Role.PROCURATOR in roles:
        items.append((reverse("procuracy:receipt_inbox"), _("Inbox of copies")))
    # The procuratorate's legal-supervision model (issue 13): signals over its jurisdiction.
    if Role.PROCURATOR in roles:
        items.append((reverse("procuracy:anomalies_dashboard"), _("Supervision signals")))
    items.append((reverse("workcalendar:calculator"), _("Deadline calculator")))
    if Role.SYSTEM_ADMIN in roles or superuser:
        items.append((reverse("workcalendar:year_list"), _("Working-day calendar")))
        items.append((reverse("audit:event_list"), _("Audit log")))
        items.append((reverse("signing:second_factor_users"), _("Signing factors")))
        items.append((reverse("security:lockouts"), _("Locked-out sign-ins")))
    # Translated here, once per language (the key), not by the template on every page.
    return tuple((url, str(label)) for url, label in items)


@receiver(setting_changed)
def _forget_navigation(**kwargs: Any) -> None:
    """A test that swaps settings (a urlconf, an installed app) gets its links afresh."""
    nav_items_for.cache_clear()
    _layout_statement.cache_clear()


# Stand-ins for the two parameters of the layout's statement, found again by value in the
# compiled parameters: no user or organisation has a negative key.
_USER_STAND_IN = -7_301_001
_ORGANISATION_STAND_IN = -7_301_002


@functools.lru_cache(maxsize=8)
def _layout_statement(alias: str) -> tuple[str, tuple[Any, ...], tuple[str, ...]] | None:
    """The organisation of the layout with the user's unread count (`unread_of`, the one
    definition of "unread"), compiled by the ORM once per process and database instead of on
    every page (compiling it cost more than running it; issue 15). The SQL, its parameters
    with the stand-ins, and the organisation's column names in select order; None if the
    stand-ins cannot be found again (then the ORM compiles it on each page)."""
    from kernel.notices.services import unread_of

    names = tuple(f.attname for f in Organisation._meta.concrete_fields)
    stand_in_user = User(pk=_USER_STAND_IN)
    query = (
        Organisation.objects.using(alias)
        .filter(pk=_ORGANISATION_STAND_IN)
        .annotate(
            unread=Subquery(
                unread_of(user=stand_in_user).order_by().values(n=Func(F("pk"), function="COUNT"))
            )
        )
        .values_list(*names, "unread")
        .query
    )
    compiler = query.get_compiler(alias)
    sql, params = compiler.as_sql()
    if list(params).count(_USER_STAND_IN) != 1 or list(params).count(_ORGANISATION_STAND_IN) != 1:
        return None  # pragma: no cover - only if the ORM rewrote the stand-ins
    if any(not isinstance(p, str | int | bool) for p in params):
        # A parameter that is not a constant of the definition (a moment, "now", if "unread"
        # ever depends on time) must not be frozen at the first page: compile on each page.
        return None  # pragma: no cover
    if compiler.get_converters([expression for expression, _sql, _alias in compiler.select]):
        # A column the database returns in another form than the model's (none today): the
        # row must go through the ORM's converters, so the ORM runs the query.
        return None  # pragma: no cover
    return sql, tuple(params), names


def _unread_and_organisation(user: Any) -> int:
    """The unread count of the layout, and the user's organisation the layout names, in one
    query instead of two (issue 15): the organisation is kept on the user for the page."""
    from kernel.notices.services import unread_count

    if user.organisation_id is None or User.organisation.is_cached(user):
        return unread_count(user=user)
    alias = Organisation.objects.db
    statement = _layout_statement(alias)
    if statement is None:  # pragma: no cover - see _layout_statement
        return _unread_and_organisation_by_orm(user)
    sql, stand_in_params, names = statement
    params = [
        user.pk
        if p == _USER_STAND_IN
        else user.organisation_id
        if p == _ORGANISATION_STAND_IN
        else p
        for p in stand_in_params
    ]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return unread_count(user=user)
    user.organisation = Organisation.from_db(alias, list(names), row[:-1])
    return int(row[-1] or 0)


def _unread_and_organisation_by_orm(user: Any) -> int:  # pragma: no cover - fallback
    from kernel.notices.services import unread_count, unread_of

    organisation = (
        Organisation.objects.filter(pk=user.organisation_id)
        .annotate(
            unread=Subquery(
                unread_of(user=user).order_by().values(n=Func(F("pk"), function="COUNT"))
            )
        )
        .first()
    )
    if organisation is None:
        return unread_count(user=user)
    user.organisation = organisation
    return int(organisation.unread or 0)
