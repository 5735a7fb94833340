"""The section this part adds to the community-correction page (`supervision.sections`): the
person's and the guarantor's mobile numbers and reporting links, the reports awaiting the
officer (accept or reject) and the last decided ones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from cases.acts.runner import act_allowed, act_missing

from ..sections import Section, act_offer, section_register
from .acts import (
    SELFREPORT_ACCEPT,
    SELFREPORT_CONTACT_RECORD,
    SELFREPORT_LINK_ISSUE,
    SELFREPORT_LINK_REVOKE,
    SELFREPORT_REJECT,
)
from .forms import REPORT_FORMS, AcceptForm, ContactForm, LinkForm, RejectForm
from .models import ReportingLink, SelfReport, SelfReportStatus

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from ..models import Supervision

#: Decided reports shown under the pending ones.
DECIDED_SHOWN = 10


def report_rows(report: SelfReport) -> list[tuple[Any, Any]]:
    """The report's content as (label, value) pairs, labelled as the sender's form was."""
    fields = REPORT_FORMS[report.kind].base_fields if report.kind in REPORT_FORMS else {}
    rows: list[tuple[Any, Any]] = []
    if report.hospital_id is not None:
        rows.append((_("Designated hospital"), report.hospital))
    for name, value in (report.content or {}).items():
        field = fields.get(name)
        if field is None or value in ("", None):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        rows.append((field.label, choices.get(value, value)))
    return rows


def _context(
    request: AuthenticatedHttpRequest,
    case: Case,
    record: Supervision,
    forms: Mapping[str, Any],
) -> dict[str, Any] | None:
    if not act_allowed(SELFREPORT_CONTACT_RECORD, request.user, case):
        return None
    initial = {"expected_state": case.state}
    contacts = list(record.contacts.all())
    live = {
        link.contact_id: link
        for link in ReportingLink.objects.filter(contact__supervision=record).order_by("issued_at")
        if link.is_live()
    }
    for contact in contacts:
        contact.live_link = live.get(contact.pk)  # type: ignore[attr-defined]
    offers = [
        act_offer(
            request,
            case,
            key=key,
            act=act,
            form=forms.get(f"{key}_form") or form_class(initial=initial),
            url_name=f"supervision:{key}",
        )
        for key, act, form_class in (
            ("selfreport_contact", SELFREPORT_CONTACT_RECORD, ContactForm),
            ("selfreport_link", SELFREPORT_LINK_ISSUE, LinkForm),
            ("selfreport_link_revoke", SELFREPORT_LINK_REVOKE, LinkForm),
        )
    ]
    reports = list(
        SelfReport.objects.filter(supervision=record)
        .select_related("contact", "hospital", "supervision")
        .prefetch_related("attachments", "evidence")
    )
    pending = [r for r in reports if r.status == SelfReportStatus.DRAFT]
    decided = [r for r in reports if r.status != SelfReportStatus.DRAFT][:DECIDED_SHOWN]
    may_decide = act_allowed(SELFREPORT_ACCEPT, request.user, case)
    for report in pending + decided:
        report.rows = report_rows(report)  # type: ignore[attr-defined]
        if report.status == SelfReportStatus.DRAFT and may_decide:
            data = {**initial, "report": report.pk}
            report.accept_form = AcceptForm(  # type: ignore[attr-defined]
                initial=data, auto_id=f"id_accept{report.pk}_%s"
            )
            report.reject_form = RejectForm(  # type: ignore[attr-defined]
                initial=data, auto_id=f"id_reject{report.pk}_%s"
            )
    return {
        "contacts": contacts,
        "acts": [o for o in offers if o is not None],
        "pending": pending,
        "decided": decided,
        "may_decide": may_decide,
        "decide_missing": act_missing(SELFREPORT_ACCEPT, case) if may_decide else [],
        "reject_act": SELFREPORT_REJECT,
        "accept_act": SELFREPORT_ACCEPT,
        "errors": [
            f for k in ("selfreport_accept_form", "selfreport_reject_form") if (f := forms.get(k))
        ],
    }


SELFREPORT_SECTION = section_register(
    Section(
        key="selfreport",
        title=_("Reports from the person and the guarantor"),
        template="supervision/selfreport/_section.html",
        order=5,
        context=_context,
    )
)
