"""No internal code ever appears in a document (issue 14): every PDF template, rendered with a
real case, prints words: outcomes as their Chinese labels, rules by the articles they apply,
every citation as 《…》第…条, and no Latin word but a name."""

from __future__ import annotations

import pytest
from django.utils import translation

from kernel.legal_refs import cite_document
from tests.documents.documents_helpers import (
    CODE,
    LATIN_WORD,
    TEMPLATES,
    proposed_case,
    render_pages,
)

pytestmark = pytest.mark.django_db


def test_a_citation_reads_with_the_law_s_full_title_and_chinese_numerals() -> None:
    assert cite_document("P2014 Art 5 ¶1(1)") == "《暂予监外执行规定》第五条第一款第（一）项"
    assert cite_document("CCL Art 18; CPL Art 265 ¶4") == (
        "《中华人民共和国社区矫正法》第十八条；《中华人民共和国刑事诉讼法》第二百六十五条第四款"
    )
    assert cite_document("P2014 Art 5 ¶1(1), Art 9 ¶1") == (
        "《暂予监外执行规定》第五条第一款第（一）项、第九条第一款"
    )
    assert cite_document("SPP-Rules Art 630") == "《人民检察院刑事诉讼规则》第六百三十条"
    # A reference it cannot read is left out, never printed as a code.
    assert cite_document("EL-05") == ""


def test_every_template_rendered_with_a_real_case_prints_no_code(world) -> None:
    case = proposed_case(world)
    names = {case.offender.name, world.prison_a.name}
    assert len(TEMPLATES) >= 24  # the twenty of issue 13 and the four of issue 14
    for template in TEMPLATES:
        # Whatever the issuer's language: an official document is Chinese.
        with translation.override("en"):
            text = "".join(render_pages(case, template)) + "".join(
                render_pages(case, template, long=18)
            )
        assert case.offender.name in text, template
        assert CODE.search(text) is None, (template, CODE.search(text))
        latin = {w for w in LATIN_WORD.findall(text) if not any(w in n for n in names)}
        assert not latin, (template, latin)


def test_the_approval_form_words_the_rules_and_the_investigation(world) -> None:
    case = proposed_case(world)
    text = "".join(render_pages(case, "approval_form"))
    assert "符合条件：《暂予监外执行规定》第五条第一款第（一）项、第九条第一款" in text
    assert "《中华人民共和国刑事诉讼法》第二百六十五条第四款" in text
    assert "尚需补充材料：《暂予监外执行规定》第九条" in text
    assert "委托县司法局" in text or f"委托{world.cja.name}" in text
    assert "调查评估意见：适宜社区矫正" in text
    assert "suitable" not in text and "EL-05" not in text and "2014-III-1" not in text


def test_a_finding_reads_in_chinese_even_when_an_english_reader_issues_the_document(
    world,
) -> None:
    import datetime as dt

    from cases.documents import investigation_text
    from cases.models import InvestigationEntrustment

    entrustment = InvestigationEntrustment(
        entrusted_to=world.cja, entrusted_on=dt.date(2026, 3, 6), finding="suitable"
    )
    with translation.override("en"):
        text = investigation_text(entrustment)
    assert text == f"2026年3月6日委托{world.cja.name}，调查评估意见：适宜社区矫正"
