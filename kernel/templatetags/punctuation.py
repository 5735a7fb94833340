"""Punctuation in the reader's language: `{% colon %}` is "：" in Chinese and ": " in English,
and so on, so a template joining a label and a value never mixes full-width and half-width
marks (issue 14, one language at a time)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

register = template.Library()

#: (Chinese, English) for each mark.
_MARKS = {
    "colon": ("：", ": "),
    "lparen": ("（", " ("),
    "rparen": ("）", ")"),
    "comma": ("，", ", "),
    "semicolon": ("；", "; "),
    "listsep": ("、", ", "),
}


def mark(name: str) -> str:
    chinese, english = _MARKS[name]
    return chinese if (get_language() or "zh").startswith("zh") else english


def _tag(name: str) -> None:
    register.simple_tag(lambda: mark(name), name=name)


for _name in _MARKS:
    _tag(_name)
