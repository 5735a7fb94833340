"""Role-aware navigation for the base layout."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Func, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "unread_notices": 0}
    roles = user.role_codes
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
    if Role.SYSTEM_ADMIN in roles or user.is_superuser:
        items.append((reverse("workcalendar:year_list"), _("Working-day calendar")))
        items.append((reverse("audit:event_list"), _("Audit log")))
        items.append((reverse("signing:second_factor_users"), _("Signing factors")))
        items.append((reverse("security:lockouts"), _("Locked-out sign-ins")))
    return {"nav_items": items, "unread_notices": _unread_and_organisation(user)}


def _unread_and_organisation(user: Any) -> int:
    """The unread count of the layout, and the user's organisation the layout names, in one
    query instead of two (issue 15): the organisation is kept on the user for the page."""
    from kernel.notices.services import unread_count, unread_of

    if user.organisation_id is None or User.organisation.is_cached(user):
        return unread_count(user=user)
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
