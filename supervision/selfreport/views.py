"""Views of this part: the public reporting page (no login: a personal link and a one-time code
by SMS) and the officer's side (the section's acts, the attachments, the inbox of the CCI).

The public page is open to anyone who has a link, so each cost is bounded before it is paid:
an unknown, lapsed or revoked token is a plain 404 that says nothing; sending a code is limited
per contact and per client address; a submission's size is refused from its Content-Length
before the body is read, the files are cut off as soon as they pass the limit, and their type
is recognised from their content."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from cases.services.workflow import sniff_content_type
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.audit.services import audit_record
from kernel.deadlines.models import OPEN_STATUSES
from kernel.deadlines.selectors import deadlines_of
from kernel.http import AuthenticatedHttpRequest
from kernel.notices.services import notice_send_to_role
from kernel.signing.verification import MULTIPART_ALLOWANCE, LimitedUploadHandler

from ..community import community_act, community_case
from ..community_acts import review_hospitals
from .acts import (
    SELFREPORT_ACCEPT,
    SELFREPORT_CONTACT_RECORD,
    SELFREPORT_LINK_ISSUE,
    SELFREPORT_LINK_REVOKE,
    SELFREPORT_REJECT,
)
from .forms import (
    REPORT_FORMS,
    AcceptForm,
    CodeForm,
    ContactForm,
    LinkForm,
    ReexaminationForm,
    RejectForm,
    max_upload_bytes,
    too_large_message,
)
from .models import ReportingLink, SelfReport, SelfReportAttachment, SelfReportStatus
from .services import (
    client_address,
    link_lookup,
    otp_send,
    otp_verify,
    session_close,
    session_holds,
    session_open,
)

#: The clocks the person and the guarantor are shown: the re-examination and the review.
OWED_CLOCKS = ("D-15b", "D-15")
INBOX_PAGE_SIZE = 50


# -- the public reporting page ---------------------------------------------------------------


def _link(token: str) -> ReportingLink:
    link = link_lookup(token)
    if link is None:
        raise Http404
    return link


def _report_forms(link: ReportingLink, data: Any = None, files: Any = None, kind: str = "") -> Any:
    case = link.contact.supervision.case
    out = {}
    for key, form_class in REPORT_FORMS.items():
        bound = (data, files) if key == kind else (None, None)
        kwargs: dict[str, Any] = {"prefix": key}
        if form_class is ReexaminationForm:
            kwargs["hospitals"] = review_hospitals(case)
        out[key] = form_class(*bound, **kwargs)
    return out


def _public_render(
    request: HttpRequest,
    link: ReportingLink,
    token: str,
    *,
    status: int = 200,
    code_form: CodeForm | None = None,
    forms: dict[str, Any] | None = None,
    open_kind: str = "",
) -> HttpResponse:
    contact = link.contact
    context: dict[str, Any] = {
        "link": link,
        "contact": contact,
        "base": reverse("supervision:selfreport_page", args=[token]),
    }
    if session_holds(request, link):
        case = contact.supervision.case
        context.update(
            signed_in=True,
            reports=SelfReport.objects.filter(contact=contact).prefetch_related("attachments"),
            owed=deadlines_of(case, kinds=OWED_CLOCKS)
            .filter(status__in=OPEN_STATUSES)
            .order_by("due_at", "kind"),
            forms=forms or _report_forms(link),
            open_kind=open_kind,
        )
    else:
        context.update(signed_in=False, code_form=code_form or CodeForm())
    response = render(request, "supervision/selfreport/report.html", context, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the token is in the address
    return response


@never_cache
@require_http_methods(["GET"])
def report_page(request: HttpRequest, token: str) -> HttpResponse:
    return _public_render(request, _link(token), token)


@never_cache
@require_http_methods(["POST"])
def report_code(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token)
    refused = otp_send(link, address=client_address(request))
    if refused is not None:
        messages.error(request, refused.message)
        response = _public_render(request, link, token, status=429)
        response["Retry-After"] = str(refused.retry_after)
        return response
    messages.success(
        request,
        _("A 6-digit code was sent by SMS to the number ending %(end)s; it is valid 5 minutes.")
        % {"end": link.contact.phone[-4:]},
    )
    return redirect("supervision:selfreport_page", token=token)


@never_cache
@require_http_methods(["POST"])
def report_verify(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token)
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _public_render(request, link, token, status=400, code_form=form)
    refused = otp_verify(link, form.cleaned_data["code"])
    if refused is not None:
        form.add_error("code", refused.message)
        return _public_render(request, link, token, status=400, code_form=form)
    session_open(request, link)
    return redirect("supervision:selfreport_page", token=token)


@never_cache
@require_http_methods(["POST"])
def report_leave(request: HttpRequest, token: str) -> HttpResponse:
    _link(token)
    session_close(request)
    return redirect("supervision:selfreport_page", token=token)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_exempt  # checked below, once the body's size is bounded (the check reads the body)
@never_cache
@require_http_methods(["POST"])
def report_send(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    link = _link(token)
    if kind not in REPORT_FORMS:
        raise Http404
    if not session_holds(request, link):
        messages.error(request, _("Your session has ended. Ask for a new code."))
        return redirect("supervision:selfreport_page", token=token)
    limit = max_upload_bytes()
    if _declared_length(request) > limit + MULTIPART_ALLOWANCE:
        messages.error(request, too_large_message())
        return _public_render(request, link, token, status=413, open_kind=kind)
    handlers = request.upload_handlers
    if isinstance(handlers, list):
        handlers.insert(0, LimitedUploadHandler(request, limit=limit))
    return _report_send_checked(request, link, kind, token)


@csrf_protect
def _report_send_checked(
    request: HttpRequest, link: ReportingLink, kind: str, token: str
) -> HttpResponse:
    forms = _report_forms(link, request.POST, request.FILES, kind=kind)  # reads the body
    stopped = any(
        isinstance(h, LimitedUploadHandler) and h.exceeded for h in request.upload_handlers
    )
    form = forms[kind]
    if stopped:
        form.is_valid()
        form.add_error("attachments" if "attachments" in form.fields else None, too_large_message())
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return _public_render(request, link, token, status=400, forms=forms, open_kind=kind)
    report = _report_save(link, form)
    messages.success(request, _("Sent. The community-correction officer will accept or reject it."))
    return redirect(reverse("supervision:selfreport_page", args=[token]) + f"#report-{report.pk}")


@transaction.atomic
def _report_save(link: ReportingLink, form: Any) -> SelfReport:
    """The report lands as a draft; the executing institution's officers are told."""
    contact = link.contact
    record = contact.supervision
    report = SelfReport.objects.create(
        supervision=record,
        contact=contact,
        kind=form.kind,
        content=form.content(),
        hospital=form.cleaned_data.get("hospital"),
        submitted_at=timezone.now(),
    )
    for upload in form.cleaned_data.get("attachments") or []:
        head = upload.read(16)
        upload.seek(0)
        sniffed = sniff_content_type(head)
        assert sniffed is not None  # checked by the form
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        attachment = SelfReportAttachment(
            report=report,
            original_name=(upload.name or "upload")[:200],
            content_type=sniffed[0],
            size=upload.size,
            sha256=digest.hexdigest(),
        )
        attachment.file.save(f"{attachment.sha256[:20]}{sniffed[1]}", upload, save=False)
        attachment.save()
    case = record.case
    notice_send_to_role(
        organisation_id=record.executing_cci_id,
        roles=[Role.CORRECTION_OFFICER],
        key=f"selfreport:{report.pk}",
        subject=_("%(case)s: %(who)s sent “%(kind)s” (to accept or reject)")
        % {
            "case": case.number,
            "who": contact.get_role_display(),
            "kind": report.get_kind_display(),
        },
        body=_("Sent by %(name)s on %(at)s from the reporting page.")
        % {"name": contact.name, "at": f"{timezone.localtime(report.submitted_at):%Y-%m-%d %H:%M}"},
        link=reverse("supervision:community", args=[case.pk]) + "#section-selfreport",
    )
    return report


# -- the officer's side ----------------------------------------------------------------------


_OFFICER = [Role.CORRECTION_OFFICER]


@role_required(_OFFICER)
@require_http_methods(["POST"])
def contact_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="selfreport_contact",
        act=SELFREPORT_CONTACT_RECORD,
        form_class=ContactForm,
        done=_("Mobile number recorded."),
    )


@role_required(_OFFICER)
@require_http_methods(["POST"])
def link_issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="selfreport_link",
        act=SELFREPORT_LINK_ISSUE,
        form_class=LinkForm,
        done=_("Reporting link sent by SMS."),
    )


@role_required(_OFFICER)
@require_http_methods(["POST"])
def link_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="selfreport_link_revoke",
        act=SELFREPORT_LINK_REVOKE,
        form_class=LinkForm,
        done=_("Reporting link revoked."),
    )


@role_required(_OFFICER)
@require_http_methods(["POST"])
def report_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="selfreport_accept",
        act=SELFREPORT_ACCEPT,
        form_class=AcceptForm,
        done=_("Report accepted."),
    )


@role_required(_OFFICER)
@require_http_methods(["POST"])
def report_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="selfreport_reject",
        act=SELFREPORT_REJECT,
        form_class=RejectForm,
        done=_("Report rejected."),
    )


@role_required(_OFFICER)
@require_http_methods(["GET"])
def attachment_download(
    request: AuthenticatedHttpRequest, pk: int, attachment: int
) -> FileResponse:
    """A file sent with a report, for the executing institution's officer (audited)."""
    case, _record = community_case(request, pk)
    SELFREPORT_ACCEPT.may(case, request.user)
    found = SelfReportAttachment.objects.filter(
        report__supervision__case=case, pk=attachment
    ).first()
    if found is None:
        raise Http404
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="supervision.selfreport_attachment_viewed",
            obj=case,
            payload={"attachment_id": found.pk, "sha256": found.sha256},
        )
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )


@role_required(_OFFICER)
@require_http_methods(["GET"])
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The drafts awaiting an officer of the user's own community-correction institution."""
    drafts = (
        SelfReport.objects.filter(
            supervision__executing_cci_id=request.user.organisation_id,
            status=SelfReportStatus.DRAFT,
        )
        .select_related("contact", "supervision__case__offender")
        .order_by("submitted_at", "id")
    )
    page = Paginator(drafts, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "supervision/selfreport/inbox.html", {"page": page})
