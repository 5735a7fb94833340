"""`{{ article|cite }}`: an article reference in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from kernel.legal_refs import cite_zh

register = template.Library()


@register.filter
def cite(value: object) -> str:
    text = str(value or "")
    if (get_language() or "").startswith("zh"):
        return cite_zh(text)
    return text


@register.filter
def cite_document(value: object) -> str:
    """An article reference as an official document prints it, in any language:
    《暂予监外执行规定》第五条第一款第（一）项."""
    from kernel.legal_refs import cite_document as full

    return full(str(value or ""))
