"""The designated hospital's side of the re-assessments the procuratorate requires (P2014
Arts 9, 31; issue 13): its liaison's inbox of the requests addressed to its hospital, with the
day each result is due, and one request's page where it records the result itself
(`reassessment_result_record`, the same act as the procurator's).

The hospital sees only the minimum: the person, the request and its own result. It takes part
in the case in the capacity `Capacity.HOSPITAL`, which gives no role the case: the case page,
the dossier reader and the case's documents stay closed to it (404).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cases.acts.hospital import HOSPITAL_SCAN_ATTACH, SIGNED_RECORDS
from cases.acts.runner import act_run
from cases.models import Case, MedicalCertificate, SelfCareIdentification
from cases.web import run_service
from kernel.accounts.models import User
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest

from .acts import REASSESSMENT_RESULT_RECORD
from .models import Reassessment


class HospitalScanForm(forms.Form):
    scan = forms.FileField(label=gettext_lazy("Signed scan (PDF, JPEG or PNG)"))


class HospitalResultForm(forms.Form):
    result_file = forms.FileField(label=gettext_lazy("Result (PDF, JPEG or PNG)"))
    conditions_met = forms.TypedChoiceField(
        label=gettext_lazy("Conclusion"),
        coerce=lambda v: v == "yes",
        choices=[
            ("yes", gettext_lazy("The conditions are still met")),
            ("no", gettext_lazy("The conditions are no longer met")),
        ],
    )
    result_summary = forms.CharField(
        label=gettext_lazy("Result"), widget=forms.Textarea(attrs={"rows": 4})
    )


def hospital_requests_for_user(*, user: User) -> QuerySet[Reassessment]:
    """The re-assessments addressed to the user's hospital, open ones first, in a constant
    number of queries."""
    if user.organisation_id is None or Role.HOSPITAL_LIAISON not in user.role_codes:
        return Reassessment.objects.none()
    return (
        Reassessment.objects.filter(hospital_id=user.organisation_id)
        .select_related("case__offender", "procuratorate", "result")
        .order_by(F("result_recorded_at").asc(nulls_first=True), "due_on", "pk")
    )


def hospital_certificates_for_user(*, user: User) -> QuerySet[MedicalCertificate]:
    """The diagnosis or examination certificates in force that name the user's hospital (P2014
    Art 9 ¶1), newest first: what the hospital signed, without the rest of the case file."""
    if user.organisation_id is None or Role.HOSPITAL_LIAISON not in user.role_codes:
        return MedicalCertificate.objects.none()
    certificates: QuerySet[MedicalCertificate] = (
        MedicalCertificate.objects.in_force()
        .filter(hospital_id=user.organisation_id)
        .select_related("case__offender")
        .order_by("-issued_on", "-pk")
    )
    return certificates


def hospital_identifications_for_user(*, user: User) -> QuerySet[SelfCareIdentification]:
    """The self-care identifications in force whose team was formed at the user's hospital
    (P2014 Art 9 ¶2, Art 33), newest first."""
    if user.organisation_id is None or Role.HOSPITAL_LIAISON not in user.role_codes:
        return SelfCareIdentification.objects.none()
    identifications: QuerySet[SelfCareIdentification] = (
        SelfCareIdentification.objects.in_force()
        .filter(hospital_id=user.organisation_id)
        .select_related("case__offender")
        .order_by("-identified_on", "-pk")
    )
    return identifications


def _inbox(
    request: AuthenticatedHttpRequest, status: int = 200, scan_form: Any = None
) -> HttpResponse:
    page = Paginator(hospital_requests_for_user(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "certificates": hospital_certificates_for_user(user=request.user)[:100],
        "identifications": hospital_identifications_for_user(user=request.user)[:100],
        "scan_form": scan_form or HospitalScanForm(),
        "scan_act": HOSPITAL_SCAN_ATTACH,
    }
    return render(request, "procuracy/hospital_requests.html", context, status=status)


@role_required([Role.HOSPITAL_LIAISON])
@require_http_methods(["GET"])
def hospital_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What is addressed to the user's hospital (P2014 Arts 9, 31)."""
    return _inbox(request)


@role_required([Role.HOSPITAL_LIAISON])
@require_http_methods(["POST"])
def hospital_scan(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    """The liaison attaches the signed scan of a certificate or identification naming its
    hospital (P2014 Art 9; the act `hospital_scan_attach`)."""
    if kind not in SIGNED_RECORDS:
        raise Http404
    model = SIGNED_RECORDS[kind][0]
    found = (
        model.objects.in_force()  # type: ignore[attr-defined]
        .filter(pk=pk, hospital_id=request.user.organisation_id)
        .select_related("case")
        .first()
    )
    if found is None:
        raise Http404
    case: Case = found.case
    form = HospitalScanForm(request.POST, request.FILES)
    if not form.is_valid():
        return _inbox(request, 400, form)
    return run_service(
        request,
        case,
        lambda: act_run(
            HOSPITAL_SCAN_ATTACH,
            case_id=case.pk,
            actor=request.user,
            expected_state=case.state,
            signed_record=kind,
            record_id=pk,
            scan=form.cleaned_data["scan"],
        ),
        done=_("The signed scan is attached; the prison is told."),
        success_url=reverse("procuracy:review_hospital_requests"),
        page=lambda status: _inbox(request, status, form),
    )


@role_required([Role.HOSPITAL_LIAISON])
@require_http_methods(["GET", "POST"])
def hospital_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One request: the person, what the procuratorate asks and by when, and the result."""
    record = hospital_requests_for_user(user=request.user).filter(pk=pk).first()
    if record is None:
        raise Http404
    case = record.case
    form = HospitalResultForm(request.POST or None, request.FILES or None)

    def page(status: int) -> HttpResponse:
        context: dict[str, Any] = {
            "record": hospital_requests_for_user(user=request.user).get(pk=pk),
            "form": form,
            "act": REASSESSMENT_RESULT_RECORD,
        }
        return render(request, "procuracy/hospital_request.html", context, status=status)

    if request.method == "GET":
        return page(200)
    if not form.is_valid():
        return page(400)
    return run_service(
        request,
        case,
        lambda: act_run(
            REASSESSMENT_RESULT_RECORD,
            case_id=case.pk,
            actor=request.user,
            expected_state=case.state,
            reassessment_id=record.pk,
            **form.cleaned_data,
        ),
        done=_("The result is recorded; the procuratorate is told."),
        success_url=reverse("procuracy:review_hospital_request", args=[record.pk]),
        page=page,
    )
