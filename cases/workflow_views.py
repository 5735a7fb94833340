"""Screens of the case file: the step tracker, one form per step, evidence, the procurator's
opinion. Thin: parse -> selector -> one service -> redirect or render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernel.accounts.models import User
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest
from kernel.links import link_maker

from .acts.declaration import Act
from .acts.eligibility import ELIGIBILITY_ASSESS
from .acts.opinions import PROCURATORIAL_OPINION_FILE
from .acts.proposal import PRISON_HEAD_SIGNOFF, PROPOSAL_ACTS, case_advance
from .acts.records import (
    EVIDENCE_UPLOAD,
    RECORD_CORRECT,
    RECORD_OBJECTION,
    RECORD_WITHDRAW,
    record_act_of,
)
from .acts.registry import ACTS
from .acts.runner import act_allowed, act_missing
from .eligibility.vocabulary import outcome_label
from .jurisdiction import CASE_ROLES
from .models import Case, CasePath, CaseState, Evidence
from .models.workflow import CASE_FILE_RECORDS
from .reader.services import reader_opinion_context
from .selectors import case_file_get_for_user, evidence_duplicates
from .services.corrections import case_record_correct, case_record_withdraw, correction_closed
from .services.workflow import (
    case_record_save,
    evidence_upload,
    evidence_viewed,
    procuratorial_opinion_file,
    record_seen,
    require_clerk_of,
)
from .web import run_service
from .workflow_forms import (
    RECORD_FORMS,
    CaseOpenForm,
    EligibilityFactsForm,
    EvidenceUploadForm,
    ObjectionExaminationForm,
    PageStateForm,
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

STEP_LABELS = {name: act.label for name, act in PROPOSAL_ACTS.items()}


#: Where the head's sign-off sits among the milestones: after the publicity, before the proposal.
_SIGNOFF_STATES = PRISON_HEAD_SIGNOFF.states or frozenset()


def _tracker(case: Case) -> list[dict[str, Any]]:
    order = [states for _label, states in MILESTONES]
    current = next((i for i, states in enumerate(order) if case.state in states), None)
    rows: list[dict[str, Any]] = []
    for i, (label, _states) in enumerate(MILESTONES):
        status = "todo"
        if current is not None:
            status = "done" if i < current else ("current" if i == current else "todo")
        if i == len(MILESTONES) - 1 and case.path != CasePath.COURT:
            rows.append(_signoff_row(case))
        rows.append({"label": label, "status": status})
    return rows


def _signoff_row(case: Case) -> dict[str, Any]:
    """The head's sign-off, a recorded act (`prison_head_signoff`), with who and when."""
    signoff = getattr(case, "signoff", None)
    if signoff is not None:
        status = "done"
    elif case.state in _SIGNOFF_STATES:
        status = "current"
    else:
        status = "todo"
    return {
        "label": gettext_lazy("Signed off by the head of the institution"),
        "status": status,
        "signoff": signoff,
        "id": "tracker-signoff",
    }


def _allowed(name: str, user: Any, case: Case) -> bool:
    """Whether the act registered as `name` (by another app: `cases` never imports it) is
    offered to `user` on `case`."""
    act = ACTS.get(name)
    return act is not None and act_allowed(act, user, case)


def _steps(case: Case, user: Any) -> list[dict[str, Any]]:
    """The acts of the proposal procedure the user may take now, each with what is missing."""
    return [
        {"name": name, "label": act.label, "missing": act_missing(act, case)}
        for name, act in PROPOSAL_ACTS.items()
        if act_allowed(act, user, case)
    ]


#: The records in force of each kind, as the template names them (`in_force.copies`, …).
_IN_FORCE = {
    "procuratorate-copy": "copies",
    "certificate": "certificates",
    "identification": "identifications",
    "recusal": "recusals",
    "residence": "residence_checks",
    "objection": "objections",
}


def _context(request: AuthenticatedHttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    user: User = request.user
    # The page only reads: every record of the case file is read once (`Case.records_snapshot`).
    in_force = {
        _IN_FORCE.get(kind, kind): [r for r in rows if r.in_force]
        for kind, rows in case.records_snapshot().items()
    }
    today = timezone.localdate()
    # The dossier is read once, first: the rules asking whether a scan is attached read it.
    prefetch_related_objects([case], "evidence")
    # The records of this step, each a link to its own page (issue 15: drawing every form
    # here was most of the page's time).
    records_of_step = [
        {
            "key": key,
            "label": RECORD_LABELS[key],
            "saved": _single_instance(case, key) is not None,
        }
        for key, form_class in RECORD_FORMS.items()
        if act_allowed(record_act_of(form_class._meta.model), user, case)
    ]
    upload_form = extra.pop("upload_form", None)
    assessment = case.latest_assessment()
    court_decides = _allowed("court_decision_issue", user, case)
    return {
        "case": case,
        "dossier": _dossier(case),
        "in_force": in_force,
        "tracker": _tracker(case),
        "steps": _steps(case, user),
        "records_of_step": records_of_step,
        "may_upload": act_allowed(EVIDENCE_UPLOAD, user, case),
        "may_issue_institution_documents": _institution_clerk(case, user),
        "upload_form": upload_form or EvidenceUploadForm(),
        "blank_upload_fields": _blank_upload_fields() if upload_form is None else None,
        "examination_forms": [
            (o, ObjectionExaminationForm(prefix=f"examine-{o.pk}", instance=o))
            for o in in_force["objections"]
            if o.is_open
        ]
        if act_allowed(RECORD_OBJECTION, user, case)
        else [],
        "opinion_form": extra.pop("opinion_form", None)
        or ProcuratorialOpinionForm(initial={"issued_on": today}),
        "may_give_opinion": act_allowed(PROCURATORIAL_OPINION_FILE, user, case),
        "opinion_reader": reader_opinion_context(user, case)
        if act_allowed(PROCURATORIAL_OPINION_FILE, user, case)
        else None,
        "assessment": assessment,
        "may_assess": act_allowed(ELIGIBILITY_ASSESS, user, case),
        "may_object": _allowed("objection_file", user, case),
        "may_decide": _allowed("decision_issue", user, case) or court_decides,
        "decide_url": reverse(
            "approvals:court_case" if court_decides else "approvals:decide", args=[case.pk]
        ),
        "record_history": _record_history(case, act_allowed(RECORD_CORRECT, user, case)),
        **extra,
    }


#: The blank upload form's fields as drawn, by language: the same fields and document types
#: on every case, drawn once per process (issue 15: its select was a twentieth of the page).
_BLANK_UPLOAD_FIELDS: dict[str, str] = {}


def _blank_upload_fields() -> str:
    language = get_language()
    if language not in _BLANK_UPLOAD_FIELDS:
        _BLANK_UPLOAD_FIELDS[language] = render_to_string(
            "_form_fields.html", {"form": EvidenceUploadForm()}
        )
    return _BLANK_UPLOAD_FIELDS[language]


def _dossier(case: Case) -> list[Evidence]:
    """The documents of the case file, each with its link and the label of its type: one
    `reverse` and one label table for the list instead of a `{% url %}` and a
    `get_kind_display` per document (issue 15: 50 documents on a case), the upload time and
    the fingerprint's start formatted here. The same text."""
    link = link_maker("cases:evidence_download", case.pk)
    kinds = dict(Evidence._meta.get_field("kind").flatchoices)
    rows = list(case.evidence.all())
    for evidence in rows:
        # Read by the template only, never saved. The time and the start of the fingerprint
        # as the filters `date:"Y-m-d H:i"` and `truncatechars:13` wrote them, without two
        # filter calls per document.
        evidence.__dict__.update(
            download_url=link(evidence.pk),
            kind_label=str(kinds.get(evidence.kind, evidence.kind)),
            uploaded_label=f"{timezone.localtime(evidence.uploaded_at):%Y-%m-%d %H:%M}",
            sha256_start=Truncator(evidence.sha256).chars(13),
        )
    return rows


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


def _record_history(case: Case, clerk: bool) -> list[dict[str, Any]]:
    """Every record of the case file, corrected and withdrawn ones included (marked, with
    who, when and why); for the clerk, each record in force while its step is open links to
    its correction and withdrawal pages (drawn on demand, issue 15), or says why it can no
    longer be corrected."""
    rows = []
    snapshot = case.records_snapshot()
    for kind, model in CASE_FILE_RECORDS.items():
        if not snapshot[kind]:
            continue  # no record of this kind: nothing to list, nothing to ask
        closed = correction_closed(case, model) if clerk else None
        for record in snapshot[kind]:
            row: dict[str, Any] = {"kind": kind, "label": RECORD_LABELS[kind], "record": record}
            if clerk and record.in_force:
                if closed is not None:
                    row["closed"] = closed
                else:
                    row["correctable"] = True
            rows.append(row)
    return rows


def _record_of(case: Case, kind: str, record_id: int, *, in_force: bool) -> Any:
    """The record `record_id` of `kind` on `case` (only if in force, when `in_force`), or 404.
    A POST takes it whatever its state: the service answers a record someone else has just
    withdrawn with 409."""
    if kind not in CASE_FILE_RECORDS or kind not in RECORD_FORMS:
        raise Http404
    record = next(
        (
            r
            for r in case.records_snapshot()[kind]
            if r.pk == record_id and (r.in_force or not in_force)
        ),
        None,
    )
    if record is None:
        raise Http404
    return record


#: The two pages of a record entered in error: what each is called and its confirmation.
_CORRECTION_PAGES = {
    "correct": gettext_lazy("Correct the record"),
    "withdraw": gettext_lazy("Withdraw the record"),
}


def _correction_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    kind: str,
    record: Any,
    action: str,
    *,
    reason: RecordCorrectionForm | None = None,
    form: Any = None,
) -> Callable[[int], HttpResponse]:
    """The page correcting or withdrawing one record, alone (issue 15: the case page links to
    it instead of drawing every record's forms): the record as it stands, the form with its
    current values or the user's drafts, the reason; at a status."""
    prefix = f"{'fix' if action == 'correct' else 'withdraw'}-{kind}-{record.pk}"
    if action == "correct" and form is None:
        form = RECORD_FORMS[kind](prefix=prefix, instance=record, case=case)
    context = {
        "case": case,
        "here": _CORRECTION_PAGES[action],
        "action": action,
        "kind": kind,
        "label": RECORD_LABELS[kind],
        "record": record,
        "closed": correction_closed(case, type(record)),
        "form": form,
        "reason_form": reason
        or RecordCorrectionForm(prefix=prefix, initial={"expected_state": case.state}),
    }
    return lambda status: render(request, "cases/record_correction.html", context, status=status)


def _single_instance(case: Case, key: str) -> Any:
    attribute = _SINGLE.get(key)
    return getattr(case, attribute, None) if attribute else None


def _institution_clerk(case: Case, user: User) -> bool:
    try:
        require_clerk_of(case, user)
    except PermissionDenied:
        return False
    return True


def _case(request: AuthenticatedHttpRequest, pk: int) -> Case:
    return case_file_get_for_user(user=request.user, pk=pk)


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def case_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    return render(request, "cases/case_file.html", _context(request, case))


def _page(
    request: AuthenticatedHttpRequest, case: Case, **drafts: Any
) -> Callable[[int], HttpResponse]:
    """The case file drawn again with the user's drafts, at a status."""
    return lambda status: render(
        request, "cases/case_file.html", _context(request, case, **drafts), status=status
    )


def _run(
    request: AuthenticatedHttpRequest,
    case: Case,
    action: Callable[[], object],
    done: str | Callable[[Any], str],
    **drafts: Any,
) -> HttpResponse:
    """Run one act and answer from the case file (`cases.web.run_service`); after a stale
    page the case file is drawn as it now is, without the drafts."""
    return run_service(
        request,
        case,
        action,
        done=done,
        success_url=reverse("cases:case_detail", args=[case.pk]),
        page=_page(request, case, **drafts),
        conflict_page=_page(request, case),
    )


def _may(act: Act, request: AuthenticatedHttpRequest, case: Case) -> None:
    """Refuse (403, naming who may) before reading the input: the act's own `may`."""
    act.may(case, request.user)


def _found(action: Callable[[], object]) -> Callable[[], object]:
    """A record or kind that does not exist on this case is not found (404)."""

    def run() -> object:
        try:
            return action()
        except ObjectDoesNotExist:
            raise Http404 from None

    return run


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def case_step(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    case = _case(request, pk)
    act = PROPOSAL_ACTS.get(step)
    if act is None:
        raise Http404
    _may(act, request, case)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was incomplete: reload it and try again."))
        return _page(request, case)(400)
    return _run(
        request,
        case,
        lambda: case_advance(
            case_id=case.pk,
            actor=request.user,
            step=step,
            expected_state=form.cleaned_data["expected_state"],
            reason=form.cleaned_data["reason"],
        ),
        _("Done: %(step)s.") % {"step": act.label},
    )


def _record_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    kind: str,
    form: Any,
    *,
    seen: str | None = None,
    now: Any = None,
) -> Callable[[int], HttpResponse]:
    """The page of one record of the step, alone (issue 15: the case page links to it instead
    of drawing every record's form): the form with the record saved or the user's drafts.
    `seen`: what the page shows of a single record, sent back with the form; `now`: the
    record someone else saved meanwhile, shown beside the user's drafts."""
    context = {
        "case": case,
        "here": RECORD_LABELS[kind],
        "kind": kind,
        "form": form,
        "seen": seen,
        "saved_meanwhile": now,
    }
    return lambda status: render(request, "cases/record.html", context, status=status)


@role_required(CASE_ROLES)
@require_http_methods(["GET", "POST"])
def case_record(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    """Record one document of the step (application, copy, certificate, …). GET draws the form
    alone, with the record already saved when the case has one of its kind."""
    case = _case(request, pk)
    form_class = RECORD_FORMS.get(kind)
    if form_class is None:
        raise Http404
    _may(record_act_of(form_class._meta.model), request, case)  # type: ignore[arg-type]
    instance = _single_instance(case, kind)
    if request.method == "GET":
        form = form_class(prefix=kind, instance=instance, case=case)
        seen = record_seen(instance) if kind in _SINGLE else None
        return _record_page(request, case, kind, form, seen=seen)(200)
    form = form_class(request.POST, prefix=kind, instance=instance, case=case)
    # What the page showed of the record (a single record only): sent back as it came, so a
    # save over someone else's is refused. A client that does not send it saves as before.
    seen = request.POST.get("record_seen") if kind in _SINGLE else None
    page = _record_page(request, case, kind, form, seen=seen)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return page(400)

    def conflict(status: int) -> HttpResponse:
        # Someone else saved the record: the page shows it as it now is beside what the user
        # typed (kept in the form), and speaks for the record now shown (409).
        now = _single_instance(case, kind)
        return _record_page(request, case, kind, form, seen=record_seen(now), now=now)(status)

    return run_service(
        request,
        case,
        lambda: case_record_save(
            case_id=case.pk,
            actor=request.user,
            record=form.save(commit=False),
            seen=seen,
        ),
        done=_("Saved."),
        success_url=reverse("cases:case_detail", args=[case.pk]),
        page=page,
        conflict_page=conflict,
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["GET", "POST"])
def case_record_correct_view(
    request: AuthenticatedHttpRequest, pk: int, kind: str, record_id: int
) -> HttpResponse:
    """Correct a record entered in error: a new record supersedes it, with the reason. GET
    draws the form alone, with the record's current values."""
    case = _case(request, pk)
    if kind not in RECORD_FORMS:
        raise Http404
    _may(RECORD_CORRECT, request, case)
    record = _record_of(case, kind, record_id, in_force=request.method == "GET")
    if request.method == "GET":
        return _correction_page(request, case, kind, record, "correct")(200)
    prefix = f"fix-{kind}-{record_id}"
    form = RECORD_FORMS[kind](request.POST, prefix=prefix, case=case)
    reason = RecordCorrectionForm(request.POST, prefix=prefix)
    page = _correction_page(request, case, kind, record, "correct", reason=reason, form=form)
    if not (form.is_valid() and reason.is_valid()):
        messages.error(request, _("Please correct the errors below."))
        return page(400)
    fields = form._meta.fields or []
    return run_service(
        request,
        case,
        _found(
            lambda: case_record_correct(
                case_id=case.pk,
                kind=kind,
                record_id=record_id,
                data={n: form.cleaned_data[n] for n in fields if n in form.cleaned_data},
                reason=reason.cleaned_data["reason"],
                actor=request.user,
                expected_state=reason.cleaned_data["expected_state"],
            )
        ),
        done=_("Corrected. The original stays in the case history."),
        success_url=reverse("cases:case_detail", args=[case.pk]),
        page=page,
        conflict_page=_page(request, case),
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["GET", "POST"])
def case_record_withdraw_view(
    request: AuthenticatedHttpRequest, pk: int, kind: str, record_id: int
) -> HttpResponse:
    """Withdraw a record entered in error, with the reason; it stays in the case history.
    GET draws the form alone, with the record as it stands."""
    case = _case(request, pk)
    if kind not in CASE_FILE_RECORDS:
        raise Http404
    _may(RECORD_WITHDRAW, request, case)
    record = _record_of(case, kind, record_id, in_force=request.method == "GET")
    if request.method == "GET":
        return _correction_page(request, case, kind, record, "withdraw")(200)
    prefix = f"withdraw-{kind}-{record_id}"
    reason = RecordCorrectionForm(request.POST, prefix=prefix)
    page = _correction_page(request, case, kind, record, "withdraw", reason=reason)
    if not reason.is_valid():
        messages.error(request, _("Give the reason for correcting or withdrawing this record."))
        return page(400)
    return run_service(
        request,
        case,
        _found(
            lambda: case_record_withdraw(
                case_id=case.pk,
                kind=kind,
                record_id=record_id,
                reason=reason.cleaned_data["reason"],
                actor=request.user,
                expected_state=reason.cleaned_data["expected_state"],
            )
        ),
        done=_("Withdrawn. The record stays in the case history, marked."),
        success_url=reverse("cases:case_detail", args=[case.pk]),
        page=page,
        conflict_page=_page(request, case),
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def objection_examine(
    request: AuthenticatedHttpRequest, pk: int, objection_id: int
) -> HttpResponse:
    case = _case(request, pk)
    objection = case.objections.in_force().filter(pk=objection_id).first()
    if objection is None:
        raise Http404
    _may(RECORD_OBJECTION, request, case)
    form = ObjectionExaminationForm(
        request.POST, prefix=f"examine-{objection.pk}", instance=objection
    )
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(
                    request, f"{form.fields[field].label if field in form.fields else ''} {error}"
                )
        return _page(request, case)(400)
    return _run(
        request,
        case,
        lambda: case_record_save(
            case_id=case.pk,
            actor=request.user,
            record=form.save(commit=False),
        ),
        _("Saved."),
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def evidence_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _may(EVIDENCE_UPLOAD, request, case)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, case, upload_form=form)(400)
    return _run(
        request,
        case,
        lambda: evidence_upload(
            case_id=case.pk,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        ),
        lambda evidence: _attached(request, evidence),
        upload_form=form,
    )


def _attached(request: AuthenticatedHttpRequest, evidence: Evidence) -> str:
    """Attached; the same file already in the case file is named in a warning (issue 14)."""
    for earlier in evidence_duplicates(evidence):
        messages.warning(
            request,
            _(
                "This file is the same as “%(name)s”, attached on %(date)s as “%(kind)s”: "
                "check that it belongs here too."
            )
            % {
                "name": earlier.original_name,
                "date": f"{timezone.localtime(earlier.uploaded_at):%Y-%m-%d}",
                "kind": earlier.get_kind_display(),
            },
        )
    return _("The file is attached.")


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def evidence_download(request: AuthenticatedHttpRequest, pk: int, evidence_id: int) -> FileResponse:
    """View a scan in the browser (inline); every view is an audit event."""
    case = _case(request, pk)
    evidence = case.evidence.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404
    evidence_viewed(evidence=evidence, actor=request.user)
    # The name the clerk uploaded, with the extension of the type sniffed from its content;
    # Django writes a Chinese name as RFC 5987 `filename*=utf-8''…` (issue 14).
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        filename=evidence.download_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required([Role.PROCURATOR])
@require_http_methods(["POST"])
def opinion_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _may(PROCURATORIAL_OPINION_FILE, request, case)
    form = ProcuratorialOpinionForm(request.POST)
    if not form.is_valid():
        return _page(request, case, opinion_form=form)(400)
    return _run(
        request,
        case,
        lambda: procuratorial_opinion_file(
            case_id=case.pk,
            actor=request.user,
            **form.cleaned_data,
        ),
        _("The opinion is sent to the approving authority."),
        opinion_form=form,
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["GET", "POST"])
def case_new(request: AuthenticatedHttpRequest, offender_pk: int) -> HttpResponse:
    from .selectors import offender_get_for_user, offender_may_edit
    from .services import case_apply

    offender = offender_get_for_user(user=request.user, pk=offender_pk)
    if not offender_may_edit(user=request.user, offender=offender):
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
def case_document(request: AuthenticatedHttpRequest, pk: int, document: str) -> HttpResponse:
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


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def case_document_issue(request: AuthenticatedHttpRequest, pk: int, document: str) -> HttpResponse:
    """Issue a document of the case (the notice of obligations DOC-20, the investigation
    request DOC-07a, the hand-over record DOC-22, the case summary) as a numbered, fingerprinted
    PDF on the case (`document_issue(subject=case)`), then open it in the dossier reader."""
    from django.db import transaction

    from kernel.documents.models import GeneratedDocument
    from kernel.documents.pdf import MissingGlyph
    from kernel.documents.services import document_issue
    from kernel.numbering.services import number_issue

    from .documents import DOCUMENTS, ISSUABLE, case_document_context

    case = _case(request, pk)
    if document not in ISSUABLE:
        raise Http404
    series, institution_only = ISSUABLE[document]
    if institution_only:
        organisation = require_clerk_of(case, request.user)
    elif request.user.organisation is None:
        raise PermissionDenied
    else:
        organisation = request.user.organisation
    template, title = DOCUMENTS[document]
    today = timezone.localdate()
    try:
        with transaction.atomic():
            number = number_issue(
                organisation=organisation,
                series=series,
                year=today.year,
                taken=lambda n: GeneratedDocument.objects.filter(
                    issuing_organisation=organisation, number=n
                ).exists(),
            )
            issued = document_issue(
                subject=case,
                template=template,
                context=case_document_context(case, document, today=today),
                number=number,
                title=title,
                issuing_organisation=organisation,
                issued_on=today,
                actor=request.user,
            )
    except (MissingGlyph, ValidationError) as exc:
        messages.error(request, str(exc) if isinstance(exc, MissingGlyph) else exc.messages[0])
        return render(request, "cases/case_file.html", _context(request, case), status=422)
    messages.success(
        request, _("%(title)s issued: %(number)s.") % {"title": title, "number": issued.number}
    )
    return redirect("cases:reader_document", pk=case.pk, key=f"g{issued.pk}")


#: The eligibility page's name (breadcrumb and title).
_ELIGIBILITY_PAGE = gettext_lazy("Run the eligibility rules")


def _eligibility_page(
    request: AuthenticatedHttpRequest, case: Case, form: EligibilityFactsForm | None = None
) -> Callable[[int], HttpResponse]:
    """The page stating the facts for the rules engine, alone (issue 15: the case page links
    to it instead of drawing the form): the latest assessment, the form with the facts last
    stated or the user's drafts; at a status."""
    assessment = case.latest_assessment()
    context = {
        "case": case,
        "here": _ELIGIBILITY_PAGE,
        "assessment": assessment,
        "facts_form": form or EligibilityFactsForm.with_facts_of(assessment),
    }
    return lambda status: render(request, "cases/eligibility.html", context, status=status)


@role_required(CASE_ROLES)
@require_http_methods(["GET", "POST"])
def case_eligibility(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Run the rules EL-01..EL-53 with the facts stated, store the result with its inputs.
    GET draws the form alone, with the facts stated at the last assessment."""
    from .services.eligibility import case_assess_eligibility

    case = _case(request, pk)
    _may(ELIGIBILITY_ASSESS, request, case)
    if request.method == "GET":
        return _eligibility_page(request, case)(200)
    form = EligibilityFactsForm(request.POST, prefix="facts")
    page = _eligibility_page(request, case, form)
    shown = PageStateForm(request.POST)
    if not shown.is_valid():
        messages.error(request, _("The page was incomplete: reload it and try again."))
        return page(400)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return page(400)
    return run_service(
        request,
        case,
        lambda: case_assess_eligibility(
            case_id=case.pk,
            actor=request.user,
            facts=form.cleaned_data,
            expected_state=shown.cleaned_data["expected_state"],
        ),
        done=lambda stored: (
            _("Eligibility assessed: %(outcome)s.") % {"outcome": outcome_label(stored.outcome)}
        ),
        success_url=reverse("cases:case_detail", args=[case.pk]),
        page=page,
        # Someone else moved the case on: the same page, the case as it now is, the facts
        # typed kept, so nothing is lost and the user decides again (409).
        conflict_page=page,
    )
