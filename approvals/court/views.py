"""The court path's screens (P2014 Arts 17-19; legal-spec §3.3): parse, select, one
service, render. Legal refusals are 400 with the article, stale pages 409."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.acts.eligibility import ELIGIBILITY_ASSESS
from cases.acts.proposal import PROPOSAL_ACTS
from cases.acts.runner import act_allowed, act_missing
from cases.jurisdiction import CASE_ROLES
from cases.models import Case, CasePath
from cases.models.workflow import CASE_FILE_RECORDS
from cases.selectors import case_get_for_user
from cases.web import run_service
from cases.workflow_forms import RECORD_FORMS, EligibilityFactsForm, PageStateForm
from cases.workflow_views import RECORD_LABELS
from kernel.accounts.models import User
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import COURT_ROLES, Role
from kernel.deadlines.kinds import KINDS
from kernel.http import AuthenticatedHttpRequest
from kernel.refusals import StaleState, TransitionRefused, refusal_of

from ..acts.decision import COURT_DECISION_ISSUE
from ..models import CourtProceeding
from ..selectors import delivery_rows
from ..services import delivery_receipt_record
from .acts import (
    COURT_CONSULT_PROCURATORATE,
    COURT_INVESTIGATION_ENTRUST,
    COURT_INVESTIGATION_REPORT,
    COURT_PROCURATORATE_REPLY,
    EXECUTION_DOCUMENTS_SERVED_RECORD,
)
from .forms import (
    ConsultationForm,
    ConsultationReplyForm,
    CourtAdvanceForm,
    CourtCaseOpenForm,
    CourtDecisionForm,
    CourtInvestigationForm,
    CourtInvestigationReportForm,
    ExecutionDocumentsServedForm,
)
from .investigation import court_investigation_get_for_user, court_investigation_list_for_user
from .rules import COURT_STEPS, REPORTING_ROLES, is_court_staff
from .selectors import court_clocks, court_offender_get_for_user, court_offender_list_for_user
from .services import (
    COURT_RECORD_ACTS,
    court_advance,
    court_case_open,
    court_consult_procuratorate,
    court_decide,
    court_investigation_entrust,
    court_investigation_report,
    court_procuratorate_reply,
    court_record_save,
    execution_documents_served_record,
)

#: Everyone who takes part in a court case sees its page (the recipients record receipt there).
PAGE_ROLES = CASE_ROLES


def _court_case(request: AuthenticatedHttpRequest, pk: int) -> Case:
    case = case_get_for_user(user=request.user, pk=pk)
    if not hasattr(case, "court_proceeding"):
        raise Http404
    return case


#: The case-file records the court keeps during its assessment (T-A02; P2014 Arts 9, 17), with
#: the forms of the prison's case file.
COURT_RECORD_KEYS = ("certificate", "identification", "recusal")


def _record_forms(user: User, case: Case, bound: dict[str, Any]) -> list[dict[str, Any]]:
    """The record forms the declarations offer `user` now, for the case's grounds."""
    wanted = {
        "certificate": case.ground_medical or case.ground_pregnancy,
        "identification": case.ground_self_care,
        "recusal": True,
    }
    return [
        {
            "key": key,
            "label": RECORD_LABELS[key],
            "form": bound.pop(f"form_{key}", None) or RECORD_FORMS[key](prefix=key, case=case),
        }
        for key in COURT_RECORD_KEYS
        if wanted[key] and act_allowed(COURT_RECORD_ACTS[CASE_FILE_RECORDS[key]], user, case)
    ]


def _offers(user: User, case: Case) -> dict[str, bool]:
    """What the court page offers `user`, as the declarations answer it (`act_allowed`: who
    may, in which state; `act_missing`: what the law still requires)."""
    proceeding: CourtProceeding = case.court_proceeding  # type: ignore[attr-defined]
    investigation = getattr(case, "court_investigation", None)
    decision = getattr(case, "decision", None)
    return {
        "advance": any(act_allowed(PROPOSAL_ACTS[step], user, case) for step in COURT_STEPS),
        "assess": act_allowed(ELIGIBILITY_ASSESS, user, case),
        "entrust": investigation is None
        and act_allowed(COURT_INVESTIGATION_ENTRUST, user, case)
        and not act_missing(COURT_INVESTIGATION_ENTRUST, case),
        "report": investigation is not None
        and not investigation.reported
        and act_allowed(COURT_INVESTIGATION_REPORT, user, case),
        "consult": act_allowed(COURT_CONSULT_PROCURATORATE, user, case),
        "reply": proceeding.replied_on is None
        and act_allowed(COURT_PROCURATORATE_REPLY, user, case),
        # Before a decision, service ends the court's window; after one it is routine.
        "served": decision is None
        and not proceeding.execution_documents_served
        and act_allowed(EXECUTION_DOCUMENTS_SERVED_RECORD, user, case),
        "decide": decision is None and act_allowed(COURT_DECISION_ISSUE, user, case),
    }


def _page(
    request: AuthenticatedHttpRequest, case: Case, status: int = 200, **forms: Any
) -> HttpResponse:
    proceeding: CourtProceeding = case.court_proceeding  # type: ignore[attr-defined]
    user: User = request.user
    today = timezone.localdate()
    is_court = is_court_staff(case, user)
    offer = _offers(user, case)
    assessment = case.eligibility_assessments.order_by("-assessed_at", "-id").first()
    context: dict[str, Any] = {
        "case": case,
        "proceeding": proceeding,
        "decision": getattr(case, "decision", None),
        "delivery_rows": delivery_rows(case),
        "clocks": [(d, KINDS[d.kind].title) for d in court_clocks(case)],
        "is_court": is_court,
        "offer": offer,
        "investigation": getattr(case, "court_investigation", None),
        "investigation_form": (
            forms.pop("investigation_form", None)
            or CourtInvestigationForm(
                initial={"expected_state": case.state, "entrusted_on": today}, case=case
            )
        )
        if offer["entrust"]
        else None,
        "investigation_report_form": (
            forms.pop("investigation_report_form", None)
            or CourtInvestigationReportForm(initial={"opinion_on": today})
        )
        if offer["report"]
        else None,
        "unmet": act_missing(COURT_DECISION_ISSUE, case) if offer["decide"] else [],
        "advance_form": CourtAdvanceForm(initial={"expected_state": case.state}),
        "consult_form": ConsultationForm(initial={"expected_state": case.state}),
        "reply_form": ConsultationReplyForm(),
        "decision_form": CourtDecisionForm(
            initial={"expected_state": case.state, "panel_held_on": today, "judges": 3}
        ),
        "served_form": ExecutionDocumentsServedForm(initial={"served_on": today}),
        "assessment": assessment,
        "facts_form": forms.pop("facts_form", None)
        or EligibilityFactsForm.with_facts_of(assessment),
        "record_forms": _record_forms(user, case, forms),
    }
    context.update(forms)
    return render(request, "approvals/court_case.html", context, status=status)


def _act(
    request: AuthenticatedHttpRequest,
    case: Case,
    action: Callable[[], object],
    done: str,
    **forms: object,
) -> HttpResponse:
    """Run one service and answer from the court page (`cases.web.run_service`); after a
    conflict the page is drawn fresh, without the stale forms."""
    return run_service(
        request,
        case,
        action,
        done=done,
        success_url=reverse("approvals:court_case", args=[case.pk]),
        page=lambda status: _page(request, case, status, **forms),
        conflict_page=lambda status: _page(request, case, status=status),
    )


@role_required(PAGE_ROLES)
@require_http_methods(["GET"])
def court_case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, _court_case(request, pk))


@role_required(COURT_ROLES)
@require_http_methods(["GET"])
def court_defendants(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The defendants judged by the user's court, with their court cases (P2014 Art 17): a
    case is opened on an application or the detention centre's notice."""
    from django.core.paginator import Paginator
    from django.db.models import Prefetch

    from cases.models import Case

    offenders = court_offender_list_for_user(user=request.user).order_by("name", "id")
    offenders = offenders.prefetch_related(
        Prefetch(
            "cases",
            queryset=Case.objects.filter(path=CasePath.COURT).order_by("-id"),
            to_attr="court_cases",
        )
    )
    page = Paginator(offenders, 50).get_page(request.GET.get("page"))
    return render(request, "approvals/court_defendants.html", {"page": page})


@role_required(COURT_ROLES)
@require_http_methods(["GET", "POST"])
def court_open(request: AuthenticatedHttpRequest, offender_pk: int) -> HttpResponse:
    offender = court_offender_get_for_user(user=request.user, pk=offender_pk)
    form = CourtCaseOpenForm(request.POST or None, court=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            case = court_case_open(actor=request.user, offender=offender, **form.cleaned_data)
        except (StaleState, TransitionRefused, ValidationError) as exc:
            # Opening creates the case, so there is no case page to return to: the refusal's
            # messages (`kernel.refusals`) go on the opening form.
            refusal = refusal_of(exc)
            assert refusal is not None
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Court case %(number)s opened.") % {"number": case.number})
            return redirect("approvals:court_case", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "approvals/court_open.html", {"offender": offender, "form": form}, status=status
    )


@role_required(COURT_ROLES)
@require_http_methods(["POST"])
def court_step(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _court_case(request, pk)
    form = CourtAdvanceForm(request.POST)
    if not form.is_valid():
        return _page(request, case, 400, advance_form=form)
    return _act(
        request,
        case,
        lambda: court_advance(case_id=case.pk, actor=request.user, **form.cleaned_data),
        _("Step recorded."),
        advance_form=form,
    )


@role_required(COURT_ROLES)
@require_http_methods(["POST"])
def court_consult(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _court_case(request, pk)
    form = ConsultationForm(request.POST)
    if not form.is_valid():
        return _page(request, case, 400, consult_form=form)
    return _act(
        request,
        case,
        lambda: court_consult_procuratorate(
            case_id=case.pk,
            actor=request.user,
            **form.cleaned_data,
        ),
        _("The procuratorate's opinion was requested."),
        consult_form=form,
    )


@role_required([Role.PROCURATOR])
@require_http_methods(["POST"])
def court_reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _court_case(request, pk)
    form = ConsultationReplyForm(request.POST)
    if not form.is_valid():
        return _page(request, case, 400, reply_form=form)
    return _act(
        request,
        case,
        lambda: court_procuratorate_reply(
            case_id=case.pk,
            actor=request.user,
            reply=form.cleaned_data["reply"],
        ),
        _("Your opinion was sent to the court."),
        reply_form=form,
    )


@role_required(COURT_ROLES)
@require_http_methods(["POST"])
def court_decision(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _court_case(request, pk)
    form = CourtDecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, case, 400, decision_form=form)
    return _act(
        request,
        case,
        lambda: court_decide(case_id=case.pk, actor=request.user, **form.cleaned_data),
        _("The decision was issued and sent for service."),
        decision_form=form,
    )


@role_required(COURT_ROLES)
@require_http_methods(["POST"])
def court_served(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _court_case(request, pk)
    form = ExecutionDocumentsServedForm(request.POST)
    if not form.is_valid():
        return _page(request, case, 400, served_form=form)
    return _act(
        request,
        case,
        lambda: execution_documents_served_record(
            case_id=case.pk,
            actor=request.user,
            served_on=form.cleaned_data["served_on"],
        ),
        _("Service of the execution documents recorded."),
        served_form=form,
    )


@role_required(PAGE_ROLES)
@require_http_methods(["POST"])
def court_receipt(request: AuthenticatedHttpRequest, pk: int, delivery_id: int) -> HttpResponse:
    case = _court_case(request, pk)
    decision = getattr(case, "decision", None)
    if decision is None or not decision.deliveries.filter(pk=delivery_id).exists():
        raise Http404
    return _act(
        request,
        case,
        lambda: delivery_receipt_record(delivery_id=delivery_id, actor=request.user),
        _("Receipt recorded."),
    )


@role_required(COURT_ROLES)
@require_http_methods(["POST"])
def court_eligibility(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """T-A02: the court runs the rules EL-01…EL-53 (P2014 Arts 5-7, 33; SPC-Interp Art 514)."""
    from cases.services.eligibility import case_assess_eligibility

    case = _court_case(request, pk)
    form = EligibilityFactsForm(request.POST, prefix="facts")
    shown = PageStateForm(request.POST)  # the state the page showed: a stale page is a 409
    if not shown.is_valid():
        messages.error(request, _("The page was incomplete: reload it and try again."))
        return _page(request, case, 400, facts_form=form)
    if not form.is_valid():
        return _page(request, case, 400, facts_form=form)
    return _act(
        request,
        case,
        lambda: case_assess_eligibility(
            case_id=case.pk,
            actor=request.user,
            facts=form.cleaned_data,
            expected_state=shown.cleaned_data["expected_state"],
        ),
        _("Eligibility assessed."),
        facts_form=form,
    )


@role_required(COURT_ROLES)
@require_http_methods(["POST"])
def court_record(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    """A record of the court's assessment: certificate, identification, recusal (Art 9)."""
    case = _court_case(request, pk)
    if kind not in COURT_RECORD_KEYS:
        raise Http404
    form = RECORD_FORMS[kind](request.POST, prefix=kind, case=case)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return _page(request, case, 400, **{f"form_{kind}": form})
    return _act(
        request,
        case,
        lambda: court_record_save(
            case_id=case.pk,
            actor=request.user,
            record=form.save(commit=False),
        ),
        _("Saved."),
        **{f"form_{kind}": form},
    )


# T-A03: the investigation entrusted by the court (CCL Art 18).


@role_required(COURT_ROLES)
@require_http_methods(["POST"])
def court_investigation_entrust_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _court_case(request, pk)
    form = CourtInvestigationForm(request.POST, case=case)
    if not form.is_valid():
        return _page(request, case, 400, investigation_form=form)
    return _act(
        request,
        case,
        lambda: court_investigation_entrust(
            case_id=case.pk,
            actor=request.user,
            **form.cleaned_data,
        ),
        _("The investigation and evaluation is entrusted."),
        investigation_form=form,
    )


@role_required(REPORTING_ROLES)
@require_http_methods(["GET"])
def court_investigations(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The investigations courts entrusted to the user's institution (CCL Art 18)."""
    from django.core.paginator import Paginator

    investigations = court_investigation_list_for_user(user=request.user).order_by(
        "-entrusted_on", "-id"
    )
    page = Paginator(investigations, 50).get_page(request.GET.get("page"))
    return render(request, "approvals/court_investigations.html", {"page": page})


@role_required(REPORTING_ROLES | COURT_ROLES)
@require_http_methods(["GET", "POST"])
def court_investigation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The entrusted institution's screen: the court's request and the opinion it files
    (DOC-07b); the court records here an opinion that reached it on paper."""
    investigation = court_investigation_get_for_user(user=request.user, case_pk=pk)
    case = investigation.case
    form = CourtInvestigationReportForm(
        request.POST or None, initial={"opinion_on": timezone.localdate()}
    )

    def page(status: int) -> HttpResponse:
        investigation.refresh_from_db()
        return render(
            request,
            "approvals/court_investigation.html",
            {"investigation": investigation, "case": case, "form": form},
            status=status,
        )

    if request.method == "GET":
        return page(200)
    if not form.is_valid():
        return page(400)
    reporter_is_court = bool(request.user.role_codes & COURT_ROLES)
    done_url = (
        reverse("approvals:court_case", args=[case.pk])
        if reporter_is_court
        else reverse("approvals:court_investigation", args=[case.pk])
    )
    return run_service(
        request,
        case,
        lambda: court_investigation_report(
            case_id=case.pk,
            actor=request.user,
            **form.cleaned_data,
        ),
        done=_("The investigation and evaluation opinion is recorded."),
        success_url=done_url,
        page=page,
    )
