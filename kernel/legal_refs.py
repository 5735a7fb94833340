"""Article references in Chinese: "P2014 Art 13 ¶3" → 《暂予监外执行规定》第十三条第三款.

Code and tests cite articles in a compact English form (legal-spec's own notation); a Chinese
clerk reads them in the official Chinese form. Anything not recognised is shown unchanged.
"""

from __future__ import annotations

import re

#: The laws cited, each under the one code legal-spec uses for it.
LAWS = {
    "P2014": "《暂予监外执行规定》",
    "CPL": "《刑事诉讼法》",
    "CCL": "《社区矫正法》",
    "SPP-Rules": "《人民检察院刑事诉讼规则》",
    "SPC-Interp": "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》",
    "MOJ 2016": "《监狱暂予监外执行程序规定》",
    "CL": "《刑法》",
    "Prison Law": "《监狱法》",
    "MPS-Rules": "《公安机关办理刑事案件程序规定》",
}

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1-999 in Chinese numerals as used in article numbers (第一百零五条)."""
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if units:
        out += _DIGITS[units]
    return out


def _range(text: str, unit: str) -> str:
    if "-" in text:
        a, b = text.split("-", 1)
        return f"第{chinese_number(int(a))}至{chinese_number(int(b))}{unit}"
    return f"第{chinese_number(int(text))}{unit}"


_ITEM = re.compile(r"^(\d+(?:-\d+)?)(?: ¶(\d+(?:-\d+)?))?(?:\((\d+)\))?$")


def _article(part: str) -> str | None:
    match = _ITEM.match(part.strip())
    if match is None:
        return None
    article, paragraph, item = match.groups()
    out = _range(article, "条")
    if paragraph:
        out += _range(paragraph, "款")
    if item:
        out += f"第（{chinese_number(int(item))}）项"
    return out


def _one(reference: str) -> str:
    reference = reference.strip()
    suffix = ""
    if reference.endswith(" and attachment"):
        reference, suffix = reference[: -len(" and attachment")], "及附件"
    for code in sorted(LAWS, key=len, reverse=True):
        if reference.startswith(code + " Art"):
            rest = reference[len(code) :].strip()
            rest = re.sub(r"^Arts? ", "", rest)
            parts = [_article(p) for p in rest.split(",")]
            if any(p is None for p in parts):
                return reference + suffix
            return LAWS[code] + "、".join(p for p in parts if p) + suffix
    return reference + suffix


def cite_zh(references: str) -> str:
    """Every reference of a "; "-separated list, in Chinese where recognised."""
    return "；".join(_one(r) for r in references.split(";"))


def is_cited_law(reference: str) -> bool:
    """Whether one reference ("P2014 Art 13 ¶2") names a law by its code and articles this
    module can read (`tests/pure/test_citations_are_spelled_once.py`)."""
    return _one(reference) != reference.strip()


#: Each law's full official title, as an official document cites it (issue 14: a document
#: fit to sign names 《中华人民共和国刑事诉讼法》, not an abbreviation or a code).
LAWS_FULL = {
    "P2014": "《暂予监外执行规定》",
    "CPL": "《中华人民共和国刑事诉讼法》",
    "CCL": "《中华人民共和国社区矫正法》",
    "SPP-Rules": "《人民检察院刑事诉讼规则》",
    "SPC-Interp": "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》",
    "MOJ 2016": "《监狱暂予监外执行程序规定》",
    "CL": "《中华人民共和国刑法》",
    "Prison Law": "《中华人民共和国监狱法》",
    "MPS-Rules": "《公安机关办理刑事案件程序规定》",
}


def cite_document(references: str) -> str:
    """`cite_zh` with each law's full title, for official documents:
    "P2014 Art 5 ¶1(1)" → 《暂予监外执行规定》第五条第一款第（一）项. A reference this module
    cannot read is left out rather than printed as a code (a document never shows one)."""
    out = []
    for reference in references.split(";"):
        reference = re.sub(r",\s*Arts? ", ", ", reference)
        chinese = _one(reference)
        if chinese == reference.strip():
            continue
        for code in sorted(LAWS, key=len, reverse=True):
            if chinese.startswith(LAWS[code]):
                chinese = LAWS_FULL[code] + chinese[len(LAWS[code]) :]
                break
        out.append(chinese)
    return "；".join(out)
