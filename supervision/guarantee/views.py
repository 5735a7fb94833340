"""One POST view per act of this part (`supervision.community.community_act`: form → the one
runner → back to the community page), all made from the table `FORMS`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_stubs_ext import StrOrPromise

from cases.acts.declaration import Act
from kernel.accounts.models import Organisation
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import OrganisationType, Role
from kernel.http import AuthenticatedHttpRequest

from ..community import community_act, community_case
from ..models import Supervision
from . import acts, forms
from .models import MovementKind, MovementRequest, MovementState, TermState


def _terms(record: Supervision) -> dict[str, Any]:
    proposed = record.guarantor_terms.filter(state=TermState.PROPOSED)
    return {"choices": [(t.pk, f"{t.name}（{t.relationship}）") for t in proposed]}


def _requests(record: Supervision, **filters: Any) -> dict[str, Any]:
    requests = record.movement_requests.filter(**filters).select_related("new_cci")
    return {"choices": [(r.pk, _label(r)) for r in requests]}


def _label(request: MovementRequest) -> str:
    where = request.destination or request.new_residence
    return f"{request.get_kind_display()} {request.requested_on:%Y-%m-%d} {where}"


def _lost(record: Supervision, **filters: Any) -> dict[str, Any]:
    found = record.lost_contacts.filter(**filters)
    return {"choices": [(lc.pk, f"{lc.discovered_at:%Y-%m-%d %H:%M}") for lc in found]}


def _institutions(record: Supervision) -> dict[str, Any]:
    return {
        "institutions": Organisation.objects.filter(
            type=OrganisationType.COMMUNITY_CORRECTION
        ).exclude(pk=record.executing_cci_id)
    }


@dataclass(frozen=True)
class ActForm:
    key: str
    act: Act
    form: type[Any]
    done: StrOrPromise
    kwargs: Callable[[Supervision], dict[str, Any]] = lambda record: {}

    @property
    def url_name(self) -> str:
        return f"supervision:guarantee_{self.key}"


FORMS: dict[str, ActForm] = {
    f.key: f
    for f in (
        ActForm(
            "contact",
            acts.GUARANTOR_CONTACT_RECORD,
            forms.GuarantorContactForm,
            _("The guarantor's mobile number is recorded."),
        ),
        ActForm(
            "report",
            acts.GUARANTOR_REPORT_RECORD,
            forms.GuarantorReportForm,
            _("The guarantor's report is recorded."),
        ),
        ActForm(
            "term_end",
            acts.GUARANTOR_TERM_END,
            forms.TermEndForm,
            _("The guarantor's term has ended; a new guarantor is due (D-30)."),
        ),
        ActForm(
            "propose",
            acts.GUARANTOR_PROPOSE,
            forms.GuarantorProposeForm,
            _("The proposed guarantor and the examination are recorded."),
        ),
        ActForm(
            "accept",
            acts.GUARANTOR_ACCEPT,
            forms.GuarantorAcceptForm,
            _("The new guarantor is accepted."),
            _terms,
        ),
        ActForm(
            "request",
            acts.MOVEMENT_REQUEST_RECORD,
            forms.MovementRequestForm,
            _("The request is recorded."),
            _institutions,
        ),
        ActForm(
            "decide",
            acts.MOVEMENT_DECIDE,
            forms.MovementDecideForm,
            _("The request is decided."),
            lambda record: _requests(record, state=MovementState.REQUESTED),
        ),
        ActForm(
            "return",
            acts.LEAVE_RETURN_RECORD,
            forms.LeaveReturnForm,
            _("The return from leave is recorded."),
            lambda record: _requests(record, kind=MovementKind.LEAVE, state=MovementState.APPROVED),
        ),
        ActForm(
            "receive",
            acts.EXECUTION_PLACE_RECEIVE,
            forms.TransferReceiveForm,
            _("The person is received at the new place of execution."),
            lambda record: _requests(
                record, kind=MovementKind.CHANGE_PLACE, state=MovementState.APPROVED
            ),
        ),
        ActForm(
            "lost",
            acts.LOST_CONTACT_RECORD,
            forms.LostContactForm,
            _("The loss of contact is recorded; the search is under way."),
        ),
        ActForm(
            "found",
            acts.LOST_CONTACT_FOUND_RECORD,
            forms.FoundForm,
            _("The person was found."),
            lambda record: _lost(record, found_at__isnull=True),
        ),
        ActForm(
            "escape",
            acts.ESCAPE_GROUND_RAISE,
            forms.EscapeGroundForm,
            _("The ground for revocation is raised."),
            _lost,
        ),
        ActForm(
            "custody",
            acts.CUSTODY_NOTICE_RECORD,
            forms.CustodyNoticeForm,
            _("The notice of custody is recorded."),
        ),
    )
}


def _view(entry: ActForm) -> Callable[..., HttpResponse]:
    @role_required([Role.CORRECTION_OFFICER])
    @require_http_methods(["POST"])
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        _case, record = community_case(request, pk)
        return community_act(
            request,
            pk,
            key=f"guarantee_{entry.key}",
            act=entry.act,
            form_class=entry.form,
            form_kwargs=entry.kwargs(record),
            done=str(entry.done),
        )

    view.__name__ = f"guarantee_{entry.key}"
    made: Callable[..., HttpResponse] = view
    return made


VIEWS = {key: _view(entry) for key, entry in FORMS.items()}
