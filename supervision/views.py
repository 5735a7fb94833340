"""The release and hand-over page: the institution's clerk prepares, releases and records the
hand-over; the community-correction officer registers the reception. Views are thin: what the
page offers and what is missing come from the declarations (`supervision.acts`), refusals are
mapped by `cases.web.run_service`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.acts.declaration import Act
from cases.acts.runner import act_allowed, act_missing
from cases.jurisdiction import CASE_ROLES
from cases.models import Case, CaseState
from cases.selectors import case_get_for_user
from cases.web import run_service
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import EXECUTING_PUBLIC_SECURITY_ROLES, Role
from kernel.deadlines.selectors import deadlines_of
from kernel.http import AuthenticatedHttpRequest

from . import services
from .acts import (
    EMERGENCY_ANNOUNCEMENT_RECORD,
    HAND_OVER_RECORD,
    PUBLIC_SECURITY_HAND_OVER_RECORD,
    RECEPTION_REGISTER,
    RELEASE,
    RELEASE_PREPARE,
    RELEASE_RECORD_SAVE,
)
from .community import community_act
from .community_acts import (
    CONDITION_REVIEW,
    DEATH_RECORD,
    EXPIRY_NOTICE_RECORD,
    SENTENCE_EXPIRED_RECORD,
    review_hospitals,
)
from .forms import (
    AnnouncementForm,
    ConditionReviewForm,
    DeathForm,
    ExpiryNoticeForm,
    HandOverForm,
    PublicSecurityHandOverForm,
    ReceptionForm,
    ReleasePreparationForm,
    SentenceExpiredForm,
    StepForm,
)
from .grounds import revocation_grounds_open
from .rules import court_bail_branch
from .sections import act_offer

CLOCKS = ("D-13a", "D-13b", "D-14", "D-03", "D-15", "D-22", "D-23")
#: The acts of community correction after the reception, with their forms.
COMMUNITY = (
    ("condition_review", CONDITION_REVIEW),
    ("expiry_notice", EXPIRY_NOTICE_RECORD),
    ("sentence_expired", SENTENCE_EXPIRED_RECORD),
    ("death", DEATH_RECORD),
)


def _institution_receipt(case: Case) -> Any:
    """The delivery of the decision to the institution, if the case has a decision."""
    from approvals.models import Delivery

    decision = getattr(case, "decision", None)
    if decision is None:
        return None
    return decision.deliveries.filter(purpose=Delivery.Purpose.INSTITUTION).first()


def _render(
    request: AuthenticatedHttpRequest, case: Case, status: int = 200, **forms: Any
) -> HttpResponse:
    user = request.user
    prep = getattr(case, "release_preparation", None)
    bail_branch = court_bail_branch(case)
    next_act = {
        CaseState.APPROVED: PUBLIC_SECURITY_HAND_OVER_RECORD if bail_branch else RELEASE_PREPARE,
        CaseState.RELEASE_PREPARATION: RELEASE,
        CaseState.ESCORT: RECEPTION_REGISTER,
    }.get(case.state)  # type: ignore[call-overload]
    missing = act_missing(next_act, case) if next_act else []

    def may(act: Act) -> bool:
        return act_allowed(act, user, case)  # type: ignore[arg-type]

    context = {
        "case": case,
        "prep": prep,
        "hand_over": getattr(case, "hand_over", None),
        "reception": getattr(case, "reception", None),
        "transfer": getattr(case, "cross_province", None),
        "bail_branch": bail_branch,
        "institution_receipt": _institution_receipt(case),
        "may_prepare": may(RELEASE_PREPARE),
        "may_record": may(RELEASE_RECORD_SAVE),
        "may_release": may(RELEASE),
        "may_announce": may(EMERGENCY_ANNOUNCEMENT_RECORD)
        and not act_missing(EMERGENCY_ANNOUNCEMENT_RECORD, case),
        "may_hand_over": may(HAND_OVER_RECORD),
        "may_ps_hand_over": may(PUBLIC_SECURITY_HAND_OVER_RECORD),
        # The public security organ executing bail records its own receipt (Art 18 ¶2).
        "may_ps_acknowledge": bail_branch
        and bool(user.role_codes & EXECUTING_PUBLIC_SECURITY_ROLES),
        "may_receive": may(RECEPTION_REGISTER),
        "missing": missing,
        "clocks": deadlines_of(case, kinds=CLOCKS).order_by("kind"),
        "step_form": StepForm(initial={"expected_state": case.state}),
        "prep_form": forms.get("prep_form")
        or (ReleasePreparationForm(instance=prep) if prep else None),
        "hand_over_form": forms.get("hand_over_form") or HandOverForm(),
        "ps_hand_over_form": forms.get("ps_hand_over_form")
        or PublicSecurityHandOverForm(initial={"expected_state": case.state}),
        "reception_form": forms.get("reception_form")
        or ReceptionForm(initial={"expected_state": case.state}),
        "announcement_form": forms.get("announcement_form") or AnnouncementForm(),
        **community_context(request, case, forms),
    }
    return render(request, "supervision/release.html", context, status=status)


def community_context(
    request: AuthenticatedHttpRequest, case: Case, forms: dict[str, Any]
) -> dict[str, Any]:
    """The supervision section: the record, its reviews, and each act the user may take
    with what the law still requires for it."""
    record = getattr(case, "supervision", None)
    if record is None:
        return {"supervision": None}
    initial = {"expected_state": case.state}
    blank = {
        "condition_review": ConditionReviewForm(initial=initial, hospitals=review_hospitals(case)),
        "expiry_notice": ExpiryNoticeForm(initial=initial),
        "sentence_expired": SentenceExpiredForm(initial=initial),
        "death": DeathForm(initial=initial),
    }
    offered = [
        act_offer(
            request,
            case,
            key=key,
            act=act,
            form=forms.get(f"{key}_form") or blank[key],
            url_name=f"supervision:{key}",
        )
        for key, act in COMMUNITY
    ]
    return {
        "supervision": record,
        "reviews": record.reviews.select_related("hospital", "feedback_to"),
        "revocation_grounds": revocation_grounds_open(record),
        "community_acts": [item for item in offered if item is not None],
    }


def _may(act: Act, request: AuthenticatedHttpRequest, case: Case) -> None:
    """Refuse (403, naming who may) before reading the input: the act's own `may`."""
    act.may(case, request.user)


def _run(
    request: AuthenticatedHttpRequest,
    case: Case,
    action: Callable[[], object],
    done: str,
    **forms: Any,
) -> HttpResponse:
    """Run one service and answer from the release page (`cases.web.run_service`)."""
    return run_service(
        request,
        case,
        action,
        done=done,
        success_url=reverse("supervision:release", args=[case.pk]),
        page=lambda status: _render(request, case, status, **forms),
    )


def _case(request: AuthenticatedHttpRequest, pk: int) -> Case:
    return case_get_for_user(user=request.user, pk=pk)


def _expected(request: AuthenticatedHttpRequest) -> str | None:
    form = StepForm(request.POST)
    return form.cleaned_data["expected_state"] if form.is_valid() else None


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def release_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render(request, _case(request, pk))


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def prepare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _may(RELEASE_PREPARE, request, case)
    return _run(
        request,
        case,
        lambda: services.release_prepare(
            case_id=case.pk,
            actor=request.user,
            expected_state=_expected(request) or "",
        ),
        _("Release preparation started."),
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _may(RELEASE_RECORD_SAVE, request, case)
    prep = getattr(case, "release_preparation", None)
    form = ReleasePreparationForm(request.POST, request.FILES, instance=prep)
    if prep is None or not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return _render(request, case, 400, prep_form=form)
    data = {k: v for k, v in form.cleaned_data.items() if k != "obligations_notice_scan"}
    return _run(
        request,
        case,
        lambda: services.release_record_save(
            case_id=case.pk,
            actor=request.user,
            data=data,
            obligations_notice=form.cleaned_data.get("obligations_notice_scan"),
        ),
        _("Saved."),
        prep_form=form,
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def do_release(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _may(RELEASE, request, case)
    return _run(
        request,
        case,
        lambda: services.release(
            case_id=case.pk,
            actor=request.user,
            expected_state=_expected(request) or "",
        ),
        _("Released: the person is under escort to the community-correction institution."),
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def announcement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _may(EMERGENCY_ANNOUNCEMENT_RECORD, request, case)
    form = AnnouncementForm(request.POST)
    if not form.is_valid():
        return _render(request, case, 400, announcement_form=form)
    return _run(
        request,
        case,
        lambda: services.emergency_announcement_record(
            case_id=case.pk,
            actor=request.user,
            announced_on=form.cleaned_data["announced_on"],
        ),
        _("The announcement is recorded."),
    )


@role_required([Role.PRISON_CLERK])
@require_http_methods(["POST"])
def hand_over(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _may(HAND_OVER_RECORD, request, case)
    form = HandOverForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return _render(request, case, 400, hand_over_form=form)
    return _run(
        request,
        case,
        lambda: services.hand_over_record(
            case_id=case.pk,
            actor=request.user,
            **form.cleaned_data,
        ),
        _("The hand-over is recorded and the procuratorate is notified."),
        hand_over_form=form,
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def reception(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _may(RECEPTION_REGISTER, request, case)
    form = ReceptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return _render(request, case, 400, reception_form=form)
    return _run(
        request,
        case,
        lambda: services.reception_register(
            case_id=case.pk,
            actor=request.user,
            **form.cleaned_data,
        ),
        _("Received: the person is under community correction."),
        reception_form=form,
    )


@role_required([Role.PRISON_CLERK, *EXECUTING_PUBLIC_SECURITY_ROLES])
@require_http_methods(["POST"])
def acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The institution acknowledges receipt of the decision (P2014 Art 15 ¶1): the 5-working-
    day delivery clock is met and the 10-day hand-over clock starts (CCL Art 21)."""
    from approvals.models import Delivery
    from approvals.services import delivery_receipt_record

    case = _case(request, pk)
    decision = getattr(case, "decision", None)
    delivery = (
        decision.deliveries.filter(
            purpose=Delivery.Purpose.INSTITUTION,
            recipient_id=request.user.organisation_id,
        ).first()
        if decision
        else None
    )
    if delivery is None:
        raise Http404
    return _run(
        request,
        case,
        lambda: delivery_receipt_record(delivery_id=delivery.pk, actor=request.user),
        _("Receipt of the decision recorded."),
    )


@role_required([Role.CORRECTION_OFFICER, *EXECUTING_PUBLIC_SECURITY_ROLES])
@require_http_methods(["POST"])
def public_security_hand_over(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """T-A06 on bail or residential surveillance: the receiving officer records the hand-over
    signed with the public security organ executing it (P2014 Art 19; CCL Art 21)."""
    case = _case(request, pk)
    _may(PUBLIC_SECURITY_HAND_OVER_RECORD, request, case)
    form = PublicSecurityHandOverForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return _render(request, case, 400, ps_hand_over_form=form)
    return _run(
        request,
        case,
        lambda: services.public_security_hand_over_record(
            case_id=case.pk,
            actor=request.user,
            **form.cleaned_data,
        ),
        _("The hand-over is recorded and the procuratorate is notified."),
        ps_hand_over_form=form,
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def condition_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="condition_review",
        act=CONDITION_REVIEW,
        form_class=ConditionReviewForm,
        form_kwargs={"hospitals": review_hospitals(_case(request, pk))},
        done=_("Review recorded; the next review is due in three months."),
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def expiry_notice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="expiry_notice",
        act=EXPIRY_NOTICE_RECORD,
        form_class=ExpiryNoticeForm,
        done=_("Expiry notice recorded."),
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def sentence_expired(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="sentence_expired",
        act=SENTENCE_EXPIRED_RECORD,
        form_class=SentenceExpiredForm,
        done=_("Sentence expired: community correction has ended."),
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def death(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="death",
        act=DEATH_RECORD,
        form_class=DeathForm,
        done=_("Death recorded: community correction has ended."),
    )
