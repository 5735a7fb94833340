"""`{{ assessment.outcome|outcome_label }}`: an eligibility outcome in words."""

from __future__ import annotations

from django import template

from cases.eligibility.vocabulary import outcome_label as _outcome_label

register = template.Library()


@register.filter
def outcome_label(value: object) -> str:
    return _outcome_label(value)


@register.filter
def rule_message(result: dict[str, object]) -> str:
    """A stored rule result's reason in the reader's language (older results: as stored)."""
    from django.utils.translation import get_language

    messages = result.get("messages")
    if isinstance(messages, dict):
        language = get_language() or ""
        for code, text in messages.items():
            if language.startswith(str(code)[:2]):
                return str(text)
    return str(result.get("message", ""))
