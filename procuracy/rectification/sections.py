"""The section this part adds to the procurator's lane (`procuracy.lane`): the rectification
opinions and procuratorial suggestions of the case with their status, clocks and documents,
and the forms of the acts the user may take (the procurator's; the addressed organ's reply)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from ..lane import LaneSection, lane_acts_offered, lane_section_register
from .acts import (
    PROCURATORIAL_SUGGESTION_ISSUE,
    PROCURATORIAL_SUGGESTION_REPLY_RECORD,
    RECTIFICATION_CORRECTION_RECORD,
    RECTIFICATION_ORAL_ISSUE,
    RECTIFICATION_REPLY_RECORD,
    RECTIFICATION_WRITTEN_ISSUE,
)
from .forms import (
    CorrectionForm,
    OralForm,
    ReplyForm,
    SuggestionForm,
    SuggestionReplyForm,
    WrittenForm,
)
from .models import ProcuratorialSuggestion, RectificationOpinion

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest


def _context(
    request: AuthenticatedHttpRequest, case: Case, forms: Mapping[str, Any]
) -> dict[str, Any] | None:
    initial = {"expected_state": case.state}
    user = request.user
    offered = lane_acts_offered(
        request,
        case,
        forms,
        [
            (
                RECTIFICATION_ORAL_ISSUE,
                "rectification_oral",
                lambda: OralForm(initial=initial, case=case),
            ),
            (
                RECTIFICATION_CORRECTION_RECORD,
                "rectification_correction",
                lambda: CorrectionForm(initial=initial, case=case),
            ),
            (
                RECTIFICATION_WRITTEN_ISSUE,
                "rectification_written",
                lambda: WrittenForm(initial=initial, case=case),
            ),
            (
                RECTIFICATION_REPLY_RECORD,
                "rectification_reply",
                lambda: ReplyForm(initial=initial, case=case, user=user),
            ),
            (
                PROCURATORIAL_SUGGESTION_ISSUE,
                "rectification_suggestion",
                lambda: SuggestionForm(initial=initial, case=case),
            ),
            (
                PROCURATORIAL_SUGGESTION_REPLY_RECORD,
                "rectification_suggestion_reply",
                lambda: SuggestionReplyForm(initial=initial, case=case, user=user),
            ),
        ],
    )
    opinions = list(
        RectificationOpinion.objects.filter(case=case).select_related(
            "target", "procuratorate", "document", "correction_clock", "reply_clock", "escalates"
        )
    )
    suggestions = list(
        ProcuratorialSuggestion.objects.filter(case=case).select_related(
            "target", "procuratorate", "reply_clock"
        )
    )
    if not (offered or opinions or suggestions):
        return None
    return {"opinions": opinions, "suggestions": suggestions, "acts": offered}


RECTIFICATION_SECTION = lane_section_register(
    LaneSection(
        key="rectification",
        title=_("Rectification opinions and procuratorial suggestions"),
        template="procuracy/rectification/_section.html",
        order=60,
        context=_context,
    )
)
