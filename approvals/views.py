"""The approving authority's screen: the dossier's opinions answered, then the decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.acts.registry import ACTS
from cases.acts.runner import act_allowed, act_missing
from cases.duties import diagnosis_entered_by
from cases.jurisdiction import CASE_ROLES
from cases.models import Case
from cases.reader.services import reader_documents
from cases.selectors import case_get_for_user
from cases.web import run_service
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import APPROVING_ROLES, Role
from kernel.deadlines.models import Deadline
from kernel.deadlines.selectors import deadlines_of
from kernel.http import AuthenticatedHttpRequest
from kernel.signing.selectors import second_factor_get_for_user

from .forms import (
    DecisionForm,
    FileholderForm,
    FilingForm,
    ObjectionForm,
    ObjectionReviewForm,
    OpinionAnswerForm,
)
from .models import CrossProvinceTransfer
from .selectors import delivery_rows
from .services import (
    case_decide,
    cross_province_notify,
    delivery_receipt_record,
    fileholder_designate,
    filing_record,
    objection_file,
    objection_review,
    opinion_answer,
)

#: The acts the decision page offers, each when its declaration allows the user to take it.
PAGE_ACTS = (
    "decision_issue",
    "opinion_answer",
    "delivery_receipt_record",
    "objection_review",
    "filing_record",
    "cross_province_notify",
    "fileholder_designate",
)


def _page(
    request: AuthenticatedHttpRequest,
    case: Case,
    form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    clock = deadlines_of(case, kinds=[DECISION_CLOCK]).first()
    return render(
        request,
        "approvals/decide.html",
        {
            "case": case,
            # The dossier as the approver sees it (the dossier reader's list), and the
            # statutory clock running for the decision with its rule and calendar (issue 14).
            "dossier": reader_documents(case),
            "clock": clock,
            "clock_trace": _trace(clock),
            "duty_conflict": diagnosis_entered_by(case, user),
            "form": form
            or DecisionForm(
                initial={"expected_state": case.state, "committee_held_on": timezone.localdate()}
            ),
            # What the page offers is what the declarations allow (`approvals.acts`).
            "offers": {name: act_allowed(ACTS[name], user, case) for name in PAGE_ACTS},
            "unmet": act_missing(ACTS["decision_issue"], case),
            "answer_form": OpinionAnswerForm(),
            "review_form": ObjectionReviewForm(),
            "filing_form": FilingForm(initial={"filed_on": timezone.localdate()}, case=case),
            "opinions": case.procuratorial_opinions.select_related("procuratorate").all(),
            "delivery_rows": delivery_rows(case),
            "has_second_factor": getattr(second_factor_get_for_user(user), "confirmed_at", None)
            is not None,
            "cross_province_required": CrossProvinceTransfer.required_for(case),
            "transfer": getattr(case, "cross_province", None),
            "fileholder_form": FileholderForm(case=case, authority=user.organisation),
        },
        status=status,
    )


#: Art 14: the approving authority decides within 15 working days of receipt.
DECISION_CLOCK = "D-04"


def _trace(clock: Deadline | None) -> dict[str, Any]:
    """How the due date was counted (rule, calendar); an estimate's own computation."""
    if clock is None:
        return {}
    trace: dict[str, Any] = clock.trace or {}
    return trace.get("estimate", trace) if clock.is_estimate else trace


def _act(
    request: AuthenticatedHttpRequest,
    case: Case,
    action: Callable[[], object],
    done: str,
    form: DecisionForm | None = None,
) -> HttpResponse:
    """Run one act for the decision page: its refusals are shown there, success goes back to
    it (`cases.web.run_service`, the one mapping of refusals)."""
    return run_service(
        request,
        case,
        action,
        done=done,
        success_url=reverse("approvals:decide", args=[case.pk]),
        page=lambda status: _page(request, case, form, status=status),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["GET", "POST"])
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """T-B11: the approving authority decides, signing with its one-time password."""
    case = case_get_for_user(user=request.user, pk=pk)
    if request.method == "GET":
        return _page(request, case)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, case, form, 400)
    return run_service(
        request,
        case,
        lambda: case_decide(case_id=case.pk, actor=request.user, **form.cleaned_data),
        done=lambda decision: _("Decision %(number)s issued.") % {"number": decision.number},
        success_url=reverse("cases:case_detail", args=[case.pk]),
        page=lambda status: _page(request, case, form, status),
        conflict_page=lambda status: _page(request, case, status=status),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def answer(request: AuthenticatedHttpRequest, pk: int, opinion_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)
    opinion = case.procuratorial_opinions.filter(pk=opinion_id).first()
    if opinion is None:
        raise Http404
    form = OpinionAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the answer to the procuratorate."))
        return _page(request, case, status=400)
    return _act(
        request,
        case,
        lambda: opinion_answer(
            opinion_id=opinion.pk, actor=request.user, answer=form.cleaned_data["answer"]
        ),
        _("The answer is sent to the procuratorate."),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def delivery_receipt(request: AuthenticatedHttpRequest, pk: int, delivery_id: int) -> HttpResponse:
    """Record that a recipient received the decision (its acknowledgement of receipt)."""
    case = case_get_for_user(user=request.user, pk=pk)
    decision = getattr(case, "decision", None)
    delivery = decision.deliveries.filter(pk=delivery_id).first() if decision else None
    if delivery is None:
        raise Http404
    return _act(
        request,
        case,
        lambda: delivery_receipt_record(delivery_id=delivery.pk, actor=request.user),
        _("Receipt recorded."),
    )


@role_required([Role.PROCURATOR])
@require_http_methods(["GET", "POST"])
def objection(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The procuratorate's written objection to the decision (P2014 Art 30)."""
    case = case_get_for_user(user=request.user, pk=pk)
    form = ObjectionForm(request.POST or None)

    def page(status: int) -> HttpResponse:
        return render(
            request, "approvals/objection.html", {"case": case, "form": form}, status=status
        )

    if request.method == "GET":
        return page(200)
    if not form.is_valid():
        return page(400)
    return run_service(
        request,
        case,
        lambda: objection_file(
            case_id=case.pk, actor=request.user, grounds=form.cleaned_data["grounds"]
        ),
        done=_("The objection is sent to the approving authority."),
        success_url=reverse("cases:case_detail", args=[case.pk]),
        page=page,
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def objection_reexamine(
    request: AuthenticatedHttpRequest, pk: int, objection_id: int
) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)
    decision = getattr(case, "decision", None)
    record = decision.objections.filter(pk=objection_id).first() if decision else None
    if record is None:
        raise Http404
    form = ObjectionReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the result and the reasons of the re-examination."))
        return _page(request, case, status=400)
    return _act(
        request,
        case,
        lambda: objection_review(objection_id=record.pk, actor=request.user, **form.cleaned_data),
        _("The re-examination is recorded and notified."),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def filing(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)
    form = FilingForm(request.POST, case=case)
    if not form.is_valid():
        messages.error(request, _("Give the organ filed with and the date of filing."))
        return _page(request, case, status=400)
    return _act(
        request,
        case,
        lambda: filing_record(case_id=case.pk, actor=request.user, **form.cleaned_data),
        _("The filing for review is recorded."),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def cross_province(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """T-B11c: notify the residence province in writing (P2014 Art 20)."""
    case = case_get_for_user(user=request.user, pk=pk)
    return _act(
        request,
        case,
        lambda: cross_province_notify(case_id=case.pk, actor=request.user),
        _("The residence province is notified."),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def designate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """T-B11d: the residence province designates the institution holding the file."""
    case = case_get_for_user(user=request.user, pk=pk)
    form = FileholderForm(request.POST, case=case, authority=request.user.organisation)
    if not form.is_valid():
        messages.error(request, _("Choose a prison or detention centre of your province."))
        return _page(request, case, status=400)
    return _act(
        request,
        case,
        lambda: fileholder_designate(
            case_id=case.pk, actor=request.user, fileholder=form.cleaned_data["fileholder"]
        ),
        _("The institution holding the file is designated."),
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def decision_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The decision as issued: the signed copy when it is signed, for anyone on the case;
    every download is audited. Its signature can be checked by anyone at /verify/."""
    from django.db import transaction

    from kernel.audit.services import audit_record

    case = case_get_for_user(user=request.user, pk=pk)
    decision = getattr(case, "decision", None)
    if decision is None:
        raise Http404
    signature = getattr(decision.document, "signature", None)
    stored = signature.signed_file if signature is not None else decision.document.file
    with stored.open("rb") as handle:
        content = handle.read()
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="document.downloaded",
            obj=case,
            payload={"document": decision.document_id, "signed": signature is not None},
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="decision-{case.pk}.pdf"'
    return response
