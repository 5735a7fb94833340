"""Screens of the case file: the step tracker, one form per step, evidence, the procurator's
opinion. Thin: parse -> selector -> one service -> redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.accounts.roles import APPROVING_ROLES, Role

from .acts.proposal import PROPOSAL_ACTS, case_advance
from .jurisdiction import CASE_ROLES, Capacity
from .models import Case, CaseState
from .models.workflow import CASE_FILE_RECORDS
from .rules import missing
from .selectors import case_get_for_user
from .services.corrections import case_record_correct, case_record_withdraw, correction_closed
from .services.eligibility import ASSESSABLE_STATES
from .services.workflow import (
    RECORD_STATES,
    CaseConflict,
    TransitionRefused,
    case_record_save,
    evidence_upload,
    evidence_viewed,
    procuratorial_opinion_file,
)
from .workflow_forms import (
    RECORD_FORMS,
    CaseOpenForm,
    EligibilityFactsForm,
    EvidenceUploadForm,
    ObjectionExaminationForm,
    ProcuratorialOpinionForm,
    RecordCorrectionForm,
    StepForm,
)

#: The milestones of paths B and C, in order, for the step tracker.
MILESTONES: list[tuple[object, tuple[str, ...]]] = [
    (gettext_lazy("Application"), (CaseState.INITIATED,)),
    (gettext_lazy("Screening"), (CaseState.SCREENED,)),
    (gettext_lazy("Diagnosis or identification"), (CaseState.ASSESSMENT,)),
    (gettext_lazy("Preparation"), (CaseState.ASSESSED, CaseState.PREPARATION)),
    (gettext_lazy("Deliberation"), (CaseState.READY_FOR_DELIBERATION,)),
    (
        gettext_lazy("Publicity"),
        (CaseState.DELIBERATED, CaseState.PUBLICITY, CaseState.OBJECTION_REVIEW),
    ),
    (gettext_lazy("Proposed"), (CaseState.PROPOSED,)),
]

#: The steps offered from each state, in the order a clerk would take them.
STEPS_FROM: dict[str, list[str]] = {
    CaseState.INITIATED: ["screen", "not_propose"],
    CaseState.SCREENED: ["start_assessment", "not_propose"],
    CaseState.ASSESSMENT: ["record_assessment"],
    CaseState.ASSESSED: ["prepare", "not_propose"],
    CaseState.PREPARATION: ["ready_for_deliberation", "not_propose"],
    CaseState.READY_FOR_DELIBERATION: ["deliberate", "decline"],
    CaseState.DELIBERATED: ["start_publicity", "submit_emergency"],
    CaseState.PUBLICITY: ["submit", "receive_objection"],
    CaseState.OBJECTION_REVIEW: ["dismiss_objection", "uphold_objection"],
}

STEP_LABELS = {name: act.label for name, act in PROPOSAL_ACTS.items()}


def _tracker(case: Case) -> list[dict[str, Any]]:
    order = [states for _label, states in MILESTONES]
    current = next((i for i, states in enumerate(order) if case.state in states), None)
    rows = []
    for i, (label, _states) in enumerate(MILESTONES):
        status = "todo"
        if current is not None:
            status = "done" if i < current else ("current" if i == current else "todo")
        rows.append({"label": label, "status": status})
    return rows


def _is_clerk_of(case: Case, user: Any) -> bool:
    return Role.PRISON_CLERK in user.role_codes and any(
        p.capacity == Capacity.INSTITUTION and p.organisation_id == user.organisation_id
        for p in case.participants.all()
    )


def _context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    clerk = _is_clerk_of(case, request.user)
    today = timezone.localdate()
    steps = (
        [
            {"name": s, "label": STEP_LABELS[s], "missing": missing(case, s, today=today)}
            for s in STEPS_FROM.get(case.state, [])
        ]
        if clerk
        else []
    )
    record_forms = []
    if clerk:
        for key, form_class in RECORD_FORMS.items():
            if case.state in RECORD_STATES[form_class._meta.model.__name__]:
                instance = _single_instance(case, key)
                form = extra.pop(f"form_{key}", None) or form_class(
                    prefix=key, instance=instance, case=case
                )
                record_forms.append(
                    {
                        "key": key,
                        "label": RECORD_LABELS[key],
                        "form": form,
                        "saved": instance is not None,
                    }
                )
    procurator = Role.PROCURATOR in request.user.role_codes  # type: ignore[union-attr]
    assessment = case.eligibility_assessments.order_by("-assessed_at", "-id").first()
    return {
        "case": case,
        "tracker": _tracker(case),
        "is_clerk": clerk,
        "steps": steps,
        "step_form": StepForm(initial={"expected_state": case.state}),
        "record_forms": record_forms,
        "upload_form": extra.pop("upload_form", None) or EvidenceUploadForm(),
        "examination_forms": [
            (o, ObjectionExaminationForm(prefix=f"examine-{o.pk}", instance=o))
            for o in case.objections.in_force()
            if o.is_open
        ]
        if clerk
        else [],
        "opinion_form": extra.pop("opinion_form", None)
        or ProcuratorialOpinionForm(initial={"issued_on": today}),
        "may_give_opinion": procurator and case.state not in (CaseState.NOT_PROPOSED,),
        "assessment": assessment,
        "may_assess": clerk and case.state in ASSESSABLE_STATES,
        "objectionable_states": (
            CaseState.APPROVED,
            CaseState.RELEASE_PREPARATION,
            CaseState.ESCORT,
            CaseState.UNDER_SUPERVISION,
        ),
        "may_decide": case.state == CaseState.PROPOSED
        and bool(request.user.role_codes & APPROVING_ROLES)  # type: ignore[union-attr]
        and any(
            p.capacity == Capacity.DECISION_ORGAN
            and p.organisation_id == request.user.organisation_id  # type: ignore[union-attr]
            for p in case.participants.all()
        ),
        "record_history": _record_history(case, clerk, extra),
        "facts_form": extra.pop("facts_form", None)
        or EligibilityFactsForm(
            prefix="facts", initial=(assessment.inputs.get("facts", {}) if assessment else {})
        ),
        **extra,
    }


RECORD_LABELS = {
    "application": gettext_lazy("Written application (Art 8)"),
    "procuratorate-copy": gettext_lazy("Copy or notice to the procuratorate (Arts 8 ¶3, 13 ¶3)"),
    "certificate": gettext_lazy("Diagnosis or pregnancy examination certificate (Art 9)"),
    "identification": gettext_lazy("Self-care identification opinion (Arts 9, 33)"),
    "recusal": gettext_lazy("Recusal declaration (Art 9 ¶3)"),
    "guarantor": gettext_lazy("Guarantor and its examination (Arts 10-11)"),
    "residence": gettext_lazy("Residence verification (Art 8 ¶2)"),
    "investigation": gettext_lazy("Entrusted investigation and evaluation (Arts 8, 13)"),
    "deliberation": gettext_lazy("Deliberation of the review committee (Art 13 ¶1)"),
    "publicity": gettext_lazy("Publicity in the institution (Art 13 ¶1)"),
    "objection": gettext_lazy("Objection received (Art 13 ¶2)"),
}

_SINGLE = {
    "application": "application",
    "guarantor": "guarantor",
    "investigation": "investigation",
    "deliberation": "deliberation",
    "publicity": "publicity",
}


def _record_history(case: Case, clerk: bool, extra: dict[str, Any]) -> list[dict[str, Any]]:
    """Every record of the case file, corrected and withdrawn ones included (marked, with
    who, when and why); for the clerk, the correction and withdrawal forms of each record in
    force while its step is open, or why it can no longer be corrected."""
    rows = []
    for kind, model in CASE_FILE_RECORDS.items():
        closed = correction_closed(case, model) if clerk else None
        records = model.objects.filter(case=case).select_related("withdrawn_by").order_by("pk")
        for record in records:
            row: dict[str, Any] = {"kind": kind, "label": RECORD_LABELS[kind], "record": record}
            if clerk and record.in_force:
                if closed is not None:
                    row["closed"] = closed
                else:
                    prefix = f"fix-{kind}-{record.pk}"
                    row["correct_form"] = extra.pop(f"correct_{prefix}", None) or RECORD_FORMS[
                        kind
                    ](prefix=prefix, instance=record, case=case)
                    initial = {"expected_state": case.state}
                    row["reason_form"] = extra.pop(
                        f"reason_{prefix}", None
                    ) or RecordCorrectionForm(prefix=prefix, initial=initial)
                    withdraw = f"withdraw-{kind}-{record.pk}"
                    row["withdraw_form"] = extra.pop(
                        f"reason_{withdraw}", None
                    ) or RecordCorrectionForm(prefix=withdraw, initial=initial)
            rows.append(row)
    return rows


def _single_instance(case: Case, key: str) -> Any:
    attribute = _SINGLE.get(key)
    return getattr(case, attribute, None) if attribute else None


def _case(request: HttpRequest, pk: int) -> Case:
    return case_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def case_file(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    return render(request, "cases/case_file.html", _context(request, case))


def _refused(request: HttpRequest, case: Case, exc: Exception, status: int) -> HttpResponse:
    if isinstance(exc, TransitionRefused):
        for requirement in exc.requirements:
            messages.error(request, str(requirement))
    else:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return render(request, "cases/case_file.html", _context(request, case), status=status)


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def case_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    case = _case(request, pk)
    form = StepForm(request.POST)
    if step not in STEP_LABELS:
        raise Http404
    if not form.is_valid():
        messages.error(request, _("The page was incomplete: reload it and try again."))
        return render(request, "cases/case_file.html", _context(request, case), status=400)
    try:
        case_advance(
            case_id=case.pk,
            actor=request.user,
            step=step,  # type: ignore[arg-type]
            expected_state=form.cleaned_data["expected_state"],
            reason=form.cleaned_data["reason"],
        )
    except CaseConflict as exc:
        case.refresh_from_db()
        return _refused(request, case, exc, 409)
    except (TransitionRefused, ValidationError) as exc:
        return _refused(request, case, exc, 400)
    messages.success(request, _("Done: %(step)s.") % {"step": STEP_LABELS[step]})
    return redirect("cases:case_detail", pk=case.pk)


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def case_record(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = _case(request, pk)
    form_class = RECORD_FORMS.get(kind)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, prefix=kind, instance=_single_instance(case, kind), case=case)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return render(
            request,
            "cases/case_file.html",
            _context(request, case, **{f"form_{kind}": form}),
            status=400,
        )
    try:
        case_record_save(
            case_id=case.pk,
            actor=request.user,  # type: ignore[arg-type]
            record=form.save(commit=False),
        )
    except (TransitionRefused, ValidationError) as exc:
        return _refused(request, case, exc, 400)
    messages.success(request, _("Saved."))
    return redirect("cases:case_detail", pk=case.pk)


def _correction_refused(
    request: HttpRequest, case: Case, exc: Exception, **forms: Any
) -> HttpResponse:
    if isinstance(exc, ObjectDoesNotExist):
        raise Http404
    if isinstance(exc, CaseConflict):
        case.refresh_from_db()
        return _refused(request, case, exc, 409)
    if isinstance(exc, TransitionRefused):
        for requirement in exc.requirements:
            messages.error(request, str(requirement))
    else:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return render(request, "cases/case_file.html", _context(request, case, **forms), status=400)


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def case_record_correct_view(
    request: HttpRequest, pk: int, kind: str, record_id: int
) -> HttpResponse:
    """Correct a record entered in error: a new record supersedes it, with the reason."""
    case = _case(request, pk)
    form_class = RECORD_FORMS.get(kind)
    if form_class is None:
        raise Http404
    prefix = f"fix-{kind}-{record_id}"
    form = form_class(request.POST, prefix=prefix, case=case)
    reason = RecordCorrectionForm(request.POST, prefix=prefix)
    drafts = {f"correct_{prefix}": form, f"reason_{prefix}": reason}
    if not (form.is_valid() and reason.is_valid()):
        messages.error(request, _("Please correct the errors below."))
        return render(
            request, "cases/case_file.html", _context(request, case, **drafts), status=400
        )
    fields = form._meta.fields or []
    try:
        case_record_correct(
            case_id=case.pk,
            kind=kind,
            record_id=record_id,
            data={name: form.cleaned_data[name] for name in fields if name in form.cleaned_data},
            reason=reason.cleaned_data["reason"],
            actor=request.user,  # type: ignore[arg-type]
            expected_state=reason.cleaned_data["expected_state"],
        )
    except (ObjectDoesNotExist, CaseConflict, TransitionRefused, ValidationError) as exc:
        return _correction_refused(request, case, exc, **drafts)
    messages.success(request, _("Corrected. The original stays in the case history."))
    return redirect("cases:case_detail", pk=case.pk)


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def case_record_withdraw_view(
    request: HttpRequest, pk: int, kind: str, record_id: int
) -> HttpResponse:
    """Withdraw a record entered in error, with the reason; it stays in the case history."""
    case = _case(request, pk)
    if kind not in CASE_FILE_RECORDS:
        raise Http404
    prefix = f"withdraw-{kind}-{record_id}"
    reason = RecordCorrectionForm(request.POST, prefix=prefix)
    if not reason.is_valid():
        messages.error(request, _("Give the reason for correcting or withdrawing this record."))
        return render(
            request,
            "cases/case_file.html",
            _context(request, case, **{f"reason_{prefix}": reason}),
            status=400,
        )
    try:
        case_record_withdraw(
            case_id=case.pk,
            kind=kind,
            record_id=record_id,
            reason=reason.cleaned_data["reason"],
            actor=request.user,  # type: ignore[arg-type]
            expected_state=reason.cleaned_data["expected_state"],
        )
    except (ObjectDoesNotExist, CaseConflict, TransitionRefused, ValidationError) as exc:
        return _correction_refused(request, case, exc, **{f"reason_{prefix}": reason})
    messages.success(request, _("Withdrawn. The record stays in the case history, marked."))
    return redirect("cases:case_detail", pk=case.pk)


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def objection_examine(request: HttpRequest, pk: int, objection_id: int) -> HttpResponse:
    case = _case(request, pk)
    objection = case.objections.in_force().filter(pk=objection_id).first()
    if objection is None:
        raise Http404
    form = ObjectionExaminationForm(
        request.POST, prefix=f"examine-{objection.pk}", instance=objection
    )
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(
                    request, f"{form.fields[field].label if field in form.fields else ''} {error}"
                )
        return render(request, "cases/case_file.html", _context(request, case), status=400)
    try:
        case_record_save(
            case_id=case.pk,
            actor=request.user,  # type: ignore[arg-type]
            record=form.save(commit=False),
        )
    except (TransitionRefused, ValidationError) as exc:
        return _refused(request, case, exc, 400)
    messages.success(request, _("Saved."))
    return redirect("cases:case_detail", pk=case.pk)


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence_upload(
                case_id=case.pk,
                actor=request.user,  # type: ignore[arg-type]
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("The file is attached."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request, "cases/case_file.html", _context(request, case, upload_form=form), status=400
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def evidence_download(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    """View a scan in the browser (inline); every view is an audit event."""
    case = _case(request, pk)
    evidence = case.evidence.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404
    evidence_viewed(evidence=evidence, actor=request.user)  # type: ignore[arg-type]
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    response["Content-Disposition"] = f'inline; filename="evidence-{evidence.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required([Role.PROCURATOR])
@require_http_methods(["POST"])
def opinion_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = ProcuratorialOpinionForm(request.POST)
    if form.is_valid():
        try:
            procuratorial_opinion_file(
                case_id=case.pk,
                actor=request.user,  # type: ignore[arg-type]
                **form.cleaned_data,
            )
        except (TransitionRefused, ValidationError) as exc:
            return _refused(request, case, exc, 400)
        messages.success(request, _("The opinion is sent to the approving authority."))
        return redirect("cases:case_detail", pk=case.pk)
    return render(
        request, "cases/case_file.html", _context(request, case, opinion_form=form), status=400
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest, offender_pk: int) -> HttpResponse:
    from .selectors import offender_get_for_user, offender_may_edit
    from .services import case_apply

    offender = offender_get_for_user(user=request.user, pk=offender_pk)  # type: ignore[arg-type]
    if not offender_may_edit(user=request.user, offender=offender):  # type: ignore[arg-type]
        raise PermissionDenied
    form = CaseOpenForm(request.POST or None, initial={"opened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            case = case_apply(
                actor=request.user,
                offender=offender,  # type: ignore[arg-type]
                opened_on=form.cleaned_data["opened_on"],
                grounds=form.grounds(),
                application=form.application(),
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Case %(number)s is opened.") % {"number": case.number})
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/case_new.html",
        {"form": form, "offender": offender},
        status=400 if form.is_bound else 200,
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def case_document(request: HttpRequest, pk: int, document: str) -> HttpResponse:
    """A document of the case file as PDF, in the browser; every view is audited."""
    from kernel.audit.services import audit_record
    from kernel.documents.pdf import MissingGlyph, render_pdf

    from .documents import DOCUMENTS, case_document_context

    case = _case(request, pk)
    if document not in DOCUMENTS:
        raise Http404
    template, title = DOCUMENTS[document]
    context = case_document_context(case, document)
    try:
        content = render_pdf(
            template,
            {
                **context,
                "document_title": title,
                "document_number": case.number,
                "issuing_organisation": context["institution"],
                "issued_on": timezone.localdate(),
            },
        )
    except MissingGlyph as exc:
        messages.error(request, str(exc))
        return render(request, "cases/case_file.html", _context(request, case), status=422)
    from django.db import transaction

    with transaction.atomic():
        audit_record(
            actor=request.user, action="document.viewed", obj=case, payload={"document": document}
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document}-{case.pk}.pdf"'
    return response


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def case_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the rules EL-01..EL-53 with the facts stated, store the result with its inputs."""
    from .services.eligibility import case_assess_eligibility

    case = _case(request, pk)
    form = EligibilityFactsForm(request.POST, prefix="facts")
    if not form.is_valid():
        return render(
            request, "cases/case_file.html", _context(request, case, facts_form=form), status=400
        )
    try:
        stored = case_assess_eligibility(
            case_id=case.pk,
            actor=request.user,  # type: ignore[arg-type]
            facts=form.cleaned_data,
        )
    except (TransitionRefused, ValidationError) as exc:
        return _refused(request, case, exc, 400)
    messages.success(request, _("Eligibility assessed: %(outcome)s.") % {"outcome": stored.outcome})
    return redirect("cases:case_detail", pk=case.pk)
