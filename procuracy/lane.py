"""The procurator's lane of a case (`/procuracy/cases/<pk>/`): one page made of sections, as the
community page is (`supervision.sections`). Each part of `procuracy` registers its section
from its `acts.py` (imported by `ProcuracyConfig.ready()`); the page draws them in order, and a
part's views answer a refused or invalid form by drawing the same page with their form in it
(`lane_render(request, case, status=400, <act>_form=form)`).

The page is open to every user who sees the case (`case_get_for_user`): the procurator acts on
it, the organ a rectification opinion is addressed to replies on it. A section returns None
when it has nothing for this user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django_stubs_ext import StrOrPromise

from cases.acts.declaration import Act
from cases.jurisdiction import CASE_ROLES
from cases.models import Case
from cases.selectors import case_get_for_user
from kernel.accounts.permissions import role_required
from kernel.deadlines.selectors import deadlines_of
from kernel.http import AuthenticatedHttpRequest
from supervision.sections import act_offer

#: The procuratorial clocks shown on the lane (legal-spec §4). Parts add theirs here.
LANE_CLOCKS: tuple[str, ...] = ("D-09", "D-10", "D-11", "D-25", "D-26", "D-26s")
LANE_CLOCKS += ("D-11c",)  # review: the court's re-examination (SPC-Interp Art 515 ¶3)

#: (request, case, forms handed back after a refusal) -> the section's template context, or
#: None when the section has nothing to show this user.
LaneSectionContext = Callable[
    [AuthenticatedHttpRequest, Case, Mapping[str, Any]], "dict[str, Any] | None"
]


@dataclass(frozen=True)
class LaneSection:
    key: str
    title: StrOrPromise
    template: str
    order: int
    context: LaneSectionContext


LANE_SECTIONS: dict[str, LaneSection] = {}


def lane_section_register(section: LaneSection) -> LaneSection:
    if section.key in LANE_SECTIONS and LANE_SECTIONS[section.key] != section:
        raise ValueError(f"Lane section {section.key!r} is registered twice.")
    LANE_SECTIONS[section.key] = section
    return section


def lane_acts_offered(
    request: AuthenticatedHttpRequest,
    case: Case,
    forms: Mapping[str, Any],
    offers: Iterable[tuple[Act, str, Callable[[], Any]]],
) -> list[dict[str, Any]]:
    """The acts of a section this user may take, in order: each `(act, route name in the
    procuracy namespace, a blank form)`; the form handed back after a refusal (`<act>_form`)
    replaces the blank one. Drawn with `supervision/_act.html`."""
    offered = []
    for act, url_name, blank in offers:
        form = forms.get(f"{act.name}_form")
        item = act_offer(
            request,
            case,
            key=act.name,
            act=act,
            form=form if form is not None else blank(),
            url_name=f"procuracy:{url_name}",
        )
        if item is not None:
            offered.append(item)
    return offered


def lane_render(
    request: AuthenticatedHttpRequest, case: Case, status: int = 200, **forms: Any
) -> HttpResponse:
    sections = []
    for section in sorted(LANE_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request, case, forms)
        if context is not None:
            sections.append({"section": section, "context": context})
    context = {
        "case": case,
        "clocks": deadlines_of(case, kinds=LANE_CLOCKS).order_by("due_at", "kind"),
        "sections": sections,
    }
    return render(request, "procuracy/lane.html", context, status=status)


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def lane_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)
    return lane_render(request, case)
