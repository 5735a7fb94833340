"""The section this part adds to the community-correction page (`supervision.sections`): the
next re-examination due, the reminders sent, the postponements, the reviews with their
record (DOC-25), and for a pregnancy case the birth and the nursing period."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kernel.deadlines.selectors import deadlines_of

from ..sections import Section, act_offer, section_register
from .acts import (
    BIRTH_RECORD,
    REEXAMINATION_POSTPONEMENT_DECIDE,
    REEXAMINATION_POSTPONEMENT_REQUEST,
)
from .forms import BirthForm, PostponementDecideForm, PostponementRequestForm
from .models import BirthRecord, PostponementState, ReexaminationPostponement
from .services import reexamination_due

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from ..models import Supervision


def medical_context(
    request: AuthenticatedHttpRequest,
    case: Case,
    record: Supervision,
    forms: Mapping[str, Any],
) -> dict[str, Any] | None:
    if not (record.ground_medical or record.ground_pregnancy):
        return None
    initial = {"expected_state": case.state}
    postponements = ReexaminationPostponement.objects.filter(supervision=record).select_related(
        "decided_by"
    )
    pending = postponements.filter(state=PostponementState.REQUESTED)
    offered = []
    if record.ground_medical:
        offered.append(
            act_offer(
                request,
                case,
                key="medical_postponement_request",
                act=REEXAMINATION_POSTPONEMENT_REQUEST,
                form=forms.get("medical_postponement_request_form")
                or PostponementRequestForm(initial=initial),
                url_name="supervision:medical_postponement_request",
            )
        )
        if pending:
            offered.append(
                act_offer(
                    request,
                    case,
                    key="medical_postponement_decide",
                    act=REEXAMINATION_POSTPONEMENT_DECIDE,
                    form=forms.get("medical_postponement_decide_form")
                    or PostponementDecideForm(
                        initial={**initial, "postponement": pending[0].pk}, pending=pending
                    ),
                    url_name="supervision:medical_postponement_decide",
                )
            )
    birth = BirthRecord.objects.filter(supervision=record).first()
    if record.ground_pregnancy and birth is None:
        offered.append(
            act_offer(
                request,
                case,
                key="medical_birth",
                act=BIRTH_RECORD,
                form=forms.get("medical_birth_form") or BirthForm(initial=initial),
                url_name="supervision:medical_birth",
            )
        )
    return {
        "record": record,
        "due": reexamination_due(case) if record.ground_medical else None,
        "reminders": record.reexamination_reminders.filter(sent_at__isnull=False).select_related(
            "contact"
        ),
        "postponements": postponements,
        "reviews": record.reviews.select_related("hospital", "review_record"),
        "birth": birth,
        "nursing_clock": deadlines_of(case, kinds=("E-12",)).order_by("-pk").first(),
        "acts": [item for item in offered if item is not None],
    }


MEDICAL_SECTION = section_register(
    Section(
        key="medical",
        title=_("Re-examinations, pregnancy and nursing"),
        template="supervision/medical/_section.html",
        order=10,
        context=medical_context,
    )
)
