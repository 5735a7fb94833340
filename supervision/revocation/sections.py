"""The section this part adds to the community-correction page (`supervision.sections`): the
grounds for revocation raised so far with the records they come from, the proposals for
imprisonment and procuratorial suggestions with their status and documents, and the forms of
the acts the user may take (the officer proposes, the county judicial administration
examines, the procurator suggests)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..sections import Section, acts_offered, section_register
from .acts import (
    REVOCATION_EXAMINE,
    REVOCATION_PROPOSE,
    REVOCATION_SUGGEST,
    grounds_open,
    proposal_lines,
)
from .forms import ExamineForm, ProposeForm, SuggestForm, source_label

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from ..models import RevocationGround, Supervision

#: Where on the community page the record that raised a ground is shown, by its module.
_SOURCE_ANCHORS = {
    "supervision.models": "#supervision",
    "supervision.discipline.models": "#section-discipline",
    "supervision.guarantee.models": "#section-guarantee",
}


def _source_anchor(ground: RevocationGround) -> str:
    model = ground.source_type.model_class()
    return _SOURCE_ANCHORS.get(model.__module__ if model is not None else "", "")


def _context(
    request: AuthenticatedHttpRequest,
    case: Case,
    record: Supervision,
    forms: Mapping[str, Any],
) -> dict[str, Any]:
    initial = {"expected_state": case.state}
    blank: dict[str, Any] = {
        REVOCATION_PROPOSE.name: lambda: ProposeForm(initial=initial, case=case),
        REVOCATION_EXAMINE.name: lambda: ExamineForm(initial=initial),
        REVOCATION_SUGGEST.name: lambda: SuggestForm(initial=initial, case=case),
    }
    offered = acts_offered(
        request,
        case,
        forms,
        [
            (act, act.name, blank[act.name])
            for act in (REVOCATION_PROPOSE, REVOCATION_EXAMINE, REVOCATION_SUGGEST)
        ],
    )
    page = reverse("supervision:community", args=[case.pk])
    grounds = [
        {"ground": g, "source": source_label(g), "link": page + _source_anchor(g)}
        for g in grounds_open(record)
    ]
    proposals = [
        {"proposal": p, "lines": proposal_lines(p)}
        for p in record.revocation_proposals.select_related(
            "document", "sent_to", "procuratorate_copy_to", "proposing_organisation"
        ).prefetch_related("raised_grounds", "evidence")
    ]
    return {
        "record": record,
        "grounds": grounds,
        "proposals": proposals,
        "acts": offered,
    }


REVOCATION_SECTION = section_register(
    Section(
        key="revocation",
        title=_("Imprisonment"),
        template="supervision/revocation/_section.html",
        order=70,
        context=_context,
    )
)
