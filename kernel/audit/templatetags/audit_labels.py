"""`{{ event.action|action_label }}`, `{{ event.to_state|state_label }}` in words."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from kernel.audit import labels

register = template.Library()


@register.filter
def action_label(action: str) -> SafeString:
    label = labels.action_label(action)
    if label is not None:
        return format_html("{}", label)
    return format_html('{} <code class="muted">{}</code>', gettext("Other act"), action)


@register.filter
def state_label(state: str) -> str:
    return labels.state_label(state) if state else ""
