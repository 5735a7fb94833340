"""The approving authority's screen: the dossier's opinions answered, then the decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.jurisdiction import CASE_ROLES, Capacity
from cases.selectors import case_get_for_user
from cases.services.workflow import CaseConflict, TransitionRefused
from cases.web import run_service
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import APPROVING_ROLES, Role
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


def _page(
    request: HttpRequest, case: object, form: DecisionForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "approvals/decide.html",
        {
            "case": case,
            "form": form
            or DecisionForm(
                initial={
                    "expected_state": case.state,  # type: ignore[attr-defined]
                    "committee_held_on": timezone.localdate(),
                }
            ),
            "answer_form": OpinionAnswerForm(),
            "review_form": ObjectionReviewForm(),
            "filing_form": FilingForm(initial={"filed_on": timezone.localdate()}, case=case),
            "opinions": case.procuratorial_opinions.select_related("procuratorate").all(),  # type: ignore[attr-defined]
            "delivery_rows": delivery_rows(case),  # type: ignore[arg-type]
            "has_second_factor": getattr(
                second_factor_get_for_user(request.user), "confirmed_at", None
            )
            is not None,
            "cross_province_required": CrossProvinceTransfer.required_for(case),  # type: ignore[arg-type]
            "transfer": getattr(case, "cross_province", None),
            "fileholder_form": FileholderForm(
                case=case,
                authority=request.user.organisation,  # type: ignore[union-attr]
            ),
            "is_residence_authority": any(
                p.capacity == Capacity.RESIDENCE_AUTHORITY
                and p.organisation_id == request.user.organisation_id  # type: ignore[union-attr]
                for p in case.participants.all()  # type: ignore[attr-defined]
            ),
        },
        status=status,
    )


def _act(request: HttpRequest, case: Any, action: Callable[[], object], done: str) -> HttpResponse:
    """Run one service for the decision page: its refusals are shown there, success goes
    back to it."""
    return run_service(
        request,
        case,
        action,
        done=done,
        success_url=reverse("approvals:decide", args=[case.pk]),
        page=lambda status: _page(request, case, status=status),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    if request.method == "GET":
        return _page(request, case)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, case, form, 400)
    try:
        decision = case_decide(
            case_id=case.pk,
            actor=request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )
    except CaseConflict as exc:
        messages.error(request, str(exc))
        case.refresh_from_db()
        return _page(request, case, status=409)
    except TransitionRefused as exc:
        for requirement in exc.requirements:
            messages.error(request, str(requirement))
        return _page(request, case, form, 400)
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _page(request, case, form, 400)
    messages.success(request, _("Decision %(number)s issued.") % {"number": decision.number})
    return redirect("cases:case_detail", pk=case.pk)


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def answer(request: HttpRequest, pk: int, opinion_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
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
            opinion_id=opinion.pk,
            actor=request.user,  # type: ignore[arg-type]
            answer=form.cleaned_data["answer"],
        ),
        _("The answer is sent to the procuratorate."),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def delivery_receipt(request: HttpRequest, pk: int, delivery_id: int) -> HttpResponse:
    """Record that a recipient received the decision (its acknowledgement of receipt)."""
    case = case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    decision = getattr(case, "decision", None)
    delivery = decision.deliveries.filter(pk=delivery_id).first() if decision else None
    if delivery is None:
        raise Http404
    return _act(
        request,
        case,
        lambda: delivery_receipt_record(delivery_id=delivery.pk, actor=request.user),  # type: ignore[arg-type]
        _("Receipt recorded."),
    )


@role_required([Role.PROCURATOR])
@require_http_methods(["GET", "POST"])
def objection(request: HttpRequest, pk: int) -> HttpResponse:
    """The procuratorate's written objection to the decision (P2014 Art 30)."""
    case = case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    form = ObjectionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                objection_file(
                    case_id=case.pk,
                    actor=request.user,  # type: ignore[arg-type]
                    grounds=form.cleaned_data["grounds"],
                )
            except TransitionRefused as exc:
                for requirement in exc.requirements:
                    messages.error(request, str(requirement))
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The objection is sent to the approving authority."))
                return redirect("cases:case_detail", pk=case.pk)
    return render(request, "approvals/objection.html", {"case": case, "form": form}, status=status)


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def objection_reexamine(request: HttpRequest, pk: int, objection_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
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
        lambda: objection_review(
            objection_id=record.pk,
            actor=request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        ),
        _("The re-examination is recorded and notified."),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def filing(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    form = FilingForm(request.POST, case=case)
    if not form.is_valid():
        messages.error(request, _("Give the organ filed with and the date of filing."))
        return _page(request, case, status=400)
    return _act(
        request,
        case,
        lambda: filing_record(
            case_id=case.pk,
            actor=request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        ),
        _("The filing for review is recorded."),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def cross_province(request: HttpRequest, pk: int) -> HttpResponse:
    """T-B11c: notify the residence province in writing (P2014 Art 20)."""
    case = case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    return _act(
        request,
        case,
        lambda: cross_province_notify(case_id=case.pk, actor=request.user),  # type: ignore[arg-type]
        _("The residence province is notified."),
    )


@role_required(APPROVING_ROLES)
@require_http_methods(["POST"])
def designate(request: HttpRequest, pk: int) -> HttpResponse:
    """T-B11d: the residence province designates the institution holding the file."""
    case = case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    form = FileholderForm(
        request.POST,
        case=case,
        authority=request.user.organisation,  # type: ignore[union-attr]
    )
    if not form.is_valid():
        messages.error(request, _("Choose a prison or detention centre of your province."))
        return _page(request, case, status=400)
    return _act(
        request,
        case,
        lambda: fileholder_designate(
            case_id=case.pk,
            actor=request.user,  # type: ignore[arg-type]
            fileholder=form.cleaned_data["fileholder"],
        ),
        _("The institution holding the file is designated."),
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision as issued: the signed copy when it is signed, for anyone on the case;
    every download is audited. Its signature can be checked by anyone at /verify/."""
    from django.db import transaction

    from kernel.audit.services import audit_record

    case = case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
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
