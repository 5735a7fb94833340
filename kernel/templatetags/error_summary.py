"""The error summary at the top of every page (issue 14): every error of every bound form the
page shows, and every refusal the view reported as an error message, announced (role="alert")
and focused on load (static/js/app.js), each field error a link to its field.

base.html draws it once, so no form template can forget it: the tag finds the forms in the
page's context (a form, a formset, or the `form` of an item in a list, as the community page
and the procurator's lane offer their acts).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import template
from django.contrib.messages import constants as message_levels
from django.forms import BaseForm, BaseFormSet
from django.forms.utils import ErrorList
from django.template.context import Context
from django.utils.translation import gettext as _

register = template.Library()

NON_FIELD = "__all__"


def _candidates(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, dict):
        yield from value.values()
    elif isinstance(value, list | tuple):
        for element in value:
            yield element
            if isinstance(element, dict):
                yield from element.values()
            else:
                yield getattr(element, "form", None)


def _forms(context: Context) -> Iterator[BaseForm]:
    seen: set[int] = set()
    for value in context.flatten().values():
        for candidate in _candidates(value):
            forms: list[BaseForm] = []
            if isinstance(candidate, BaseForm):
                forms = [candidate]
            elif isinstance(candidate, BaseFormSet) and candidate.is_bound:
                forms = list(candidate.forms)
            for form in forms:
                if id(form) not in seen and form.is_bound:
                    seen.add(id(form))
                    yield form


def _form_items(form: BaseForm) -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        messages: ErrorList = errors
        if name == NON_FIELD or name not in form.fields:
            items.extend({"href": "", "label": "", "message": str(m)} for m in messages)
            continue
        bound = form[name]
        href = "" if bound.is_hidden or not bound.id_for_label else f"#{bound.id_for_label}"
        label = str(bound.label or name)
        items.extend({"href": href, "label": label, "message": str(m)} for m in messages)
    return items


@register.inclusion_tag("_form_errors.html", takes_context=True)
def error_summary(context: Context) -> dict[str, Any]:
    items: list[dict[str, str]] = []
    for form in _forms(context):
        items.extend(_form_items(form))
    for message in context.get("messages") or ():
        if message.level >= message_levels.ERROR:
            items.append({"href": "", "label": "", "message": str(message)})
    return {"error_items": items, "heading": _("Please correct the following")}
