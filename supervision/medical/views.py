"""Views of the re-examinations: the registry of designated hospitals (read-only; maintained in
the admin), the postponement and birth acts on the community page, and the review record
(DOC-25) as issued. Thin: what is offered comes from the declarations."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.jurisdiction import CASE_ROLES
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.audit.services import audit_record
from kernel.http import AuthenticatedHttpRequest

from ..community import community_act, community_case
from ..models import ConditionReview
from .acts import (
    BIRTH_RECORD,
    REEXAMINATION_POSTPONEMENT_DECIDE,
    REEXAMINATION_POSTPONEMENT_REQUEST,
)
from .forms import BirthForm, HospitalFilterForm, PostponementDecideForm, PostponementRequestForm
from .models import (
    HospitalCapability,
    HospitalListing,
    PostponementState,
    ReexaminationPostponement,
)
from .registry import listings_in_force

_OFFICER = [Role.CORRECTION_OFFICER]


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def hospitals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The provincial lists of designated hospitals (P2014 Art 9): public documents, no case
    data; filtered by province, capability and the day in force (default: today)."""
    form = HospitalFilterForm(request.GET or None)
    province = capability = ""
    on = timezone.localdate()
    if form.is_valid():
        province = form.cleaned_data["province"] or ""
        capability = form.cleaned_data["capability"] or ""
        on = form.cleaned_data["on"] or on
    listings = listings_in_force(
        on=on, provinces=[province] if province else None, capability=capability or None
    )
    provinces = HospitalListing.objects.values_list("province", flat=True).distinct()
    return render(
        request,
        "supervision/medical/hospitals.html",
        {
            "form": form,
            "listings": listings,
            "on": on,
            "provinces": sorted(set(provinces)),
            "capabilities": HospitalCapability,
        },
    )


def _pending(pk: int) -> object:
    return ReexaminationPostponement.objects.filter(
        supervision__case_id=pk, state=PostponementState.REQUESTED
    )


@role_required(_OFFICER)
@require_http_methods(["POST"])
def postponement_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="medical_postponement_request",
        act=REEXAMINATION_POSTPONEMENT_REQUEST,
        form_class=PostponementRequestForm,
        done=_("The request to postpone the re-examination is recorded."),
    )


@role_required(_OFFICER)
@require_http_methods(["POST"])
def postponement_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="medical_postponement_decide",
        act=REEXAMINATION_POSTPONEMENT_DECIDE,
        form_class=PostponementDecideForm,
        form_kwargs={"pending": _pending(pk)},
        done=_("The decision on the postponement is recorded."),
    )


@role_required(_OFFICER)
@require_http_methods(["POST"])
def birth(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="medical_birth",
        act=BIRTH_RECORD,
        form_class=BirthForm,
        done=_("The birth is recorded: the ground is now nursing."),
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def review_record_pdf(request: AuthenticatedHttpRequest, pk: int, review_id: int) -> HttpResponse:
    """DOC-25 as issued, for anyone on the case (scoped like the decision); every download
    is audited."""
    case, record = community_case(request, pk)
    review = (
        ConditionReview.objects.filter(supervision=record, pk=review_id)
        .select_related("review_record__document")
        .first()
    )
    issued = getattr(review, "review_record", None) if review is not None else None
    if issued is None:
        raise Http404
    with issued.document.file.open("rb") as handle:
        content = handle.read()
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="document.downloaded",
            obj=case,
            payload={"document": issued.document_id, "review": review_id},
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="review-record-{case.pk}-{review_id}.pdf"'
    return response
