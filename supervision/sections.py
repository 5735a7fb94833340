"""The community-correction page (`supervision.community`) is made of sections: the team and
plan, the field verifications, the re-examinations, the guarantor and movements, rewards and
sanctions, the person's own reports. Each part of the supervision phase registers its section
here from `SupervisionConfig.ready()`; the page draws them in order, and a part's views answer
a refused or invalid form by drawing the same page with their form in it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django_stubs_ext import StrOrPromise

from cases.acts.declaration import Act
from cases.acts.runner import act_allowed, act_missing

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from .models import Supervision

#: (request, case, supervision record, forms handed back after a refusal) -> the section's
#: template context, or None when the section has nothing to show this user.
SectionContext = Callable[
    ["AuthenticatedHttpRequest", "Case", "Supervision", Mapping[str, Any]],
    "dict[str, Any] | None",
]


@dataclass(frozen=True)
class Section:
    key: str
    title: StrOrPromise
    template: str
    order: int
    context: SectionContext


SECTIONS: dict[str, Section] = {}


def section_register(section: Section) -> Section:
    if section.key in SECTIONS and SECTIONS[section.key] != section:
        raise ValueError(f"Section {section.key!r} is registered twice.")
    SECTIONS[section.key] = section
    return section


def sections_render(
    request: AuthenticatedHttpRequest,
    case: Case,
    record: Supervision,
    forms: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """The sections this user sees on this case, in order, each with its context."""
    shown = []
    for section in sorted(SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request, case, record, forms)
        if context is not None:
            shown.append({"section": section, "context": context})
    return shown


def act_offer(
    request: AuthenticatedHttpRequest,
    case: Case,
    *,
    key: str,
    act: Act,
    form: Any,
    url_name: str,
    url_args: tuple[Any, ...] | None = None,
) -> dict[str, Any] | None:
    """One act as the page offers it (template `supervision/_act.html`): None when this user
    may not take it; otherwise its form and what the law still requires first."""
    if not act_allowed(act, request.user, case):
        return None
    _unique_ids(form, key)
    return {
        "key": key,
        "act": act,
        "missing": act_missing(act, case),
        "form": form,
        "url": reverse(url_name, args=url_args or (case.pk,)),
    }


def acts_offered(
    request: AuthenticatedHttpRequest,
    case: Case,
    forms: Mapping[str, Any],
    offers: Iterable[tuple[Act, str, Callable[[], Any]]],
) -> list[dict[str, Any]]:
    """The acts of a section this user may take, in order: each `(act, route name in the
    supervision namespace, a blank form)`; the form handed back after a refusal
    (`<act>_form`) replaces the blank one."""
    offered = []
    for act, url_name, blank in offers:
        form = forms.get(f"{act.name}_form")
        item = act_offer(
            request,
            case,
            key=act.name,
            act=act,
            form=form if form is not None else blank(),
            url_name=f"supervision:{url_name}",
        )
        if item is not None:
            offered.append(item)
    return offered


def _unique_ids(form: Any, key: str) -> None:
    """Many forms share the page: give each its own element ids (`id_<key>_<field>`) so a
    label focuses its own field and no id repeats. A form built with its own ids keeps them."""
    if getattr(form, "auto_id", None) == "id_%s":
        form.auto_id = f"id_{key}_%s"
