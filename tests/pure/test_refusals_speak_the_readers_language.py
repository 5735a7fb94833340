"""The arithmetic's refusals read in the reader's language, chosen when shown, not when raised.

Chinese first with complete English: SentenceError (cases/sentence.py), ImpossibleProfile
(cases/eligibility/) and DateOutOfRange (kernel/counting.py) keep an English msgid with
named parameters (kernel/errors.py) and render it in the language active when read.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.eligibility import Ground, ImpossibleProfile, Profile, assess
from cases.sentence import (
    Commutation,
    CommutationKind,
    SentenceError,
    SentenceFacts,
    SentenceType,
    Term,
    validate,
)
from kernel.counting import DateOutOfRange, term_end

D = dt.date


def _refusal(facts: SentenceFacts) -> SentenceError:
    with pytest.raises(SentenceError) as caught:
        validate(facts)
    return caught.value


def test_sentence_refusal_reads_in_chinese_with_the_article_of_the_criminal_law() -> None:
    """CL Art 47: custody credit cannot exceed the sentence."""
    refusal = _refusal(
        SentenceFacts(SentenceType.CRIMINAL_DETENTION, Term(months=1), D(2020, 1, 1), 40)
    )
    with translation.override("zh-hans"):
        assert str(refusal) == (
            "先行羁押折抵的天数（40天）不能超过刑期本身（1个月，共31天）（《刑法》第四十七条）。"
        )
    with translation.override("en"):
        assert str(refusal) == (
            "Pre-trial custody credit (40 days) cannot exceed the sentence itself (1m, 31 days) "
            "(CL Art 47)."
        )


def test_refusal_is_rendered_when_read_not_when_raised() -> None:
    """Raised while English is active, read on a Chinese page: the page's language wins."""
    facts = SentenceFacts(
        SentenceType.FIXED_TERM,
        Term(years=10),
        D(2020, 1, 1),
        commutations=(Commutation(D(2021, 1, 1), CommutationKind.TO_LIFE, Term()),),
    )
    with translation.override("en"):
        refusal = _refusal(facts)
        shown_later = ValidationError(refusal.lazy_message)
    with translation.override("zh-hans"):
        assert shown_later.messages == [
            "只有死刑缓期执行可以减为无期徒刑；2021-01-01作出裁定时，所执行的刑罚为有期徒刑。"
        ]
        assert str(refusal).startswith("只有死刑缓期执行")


def test_a_term_reads_as_the_reader_writes_it() -> None:
    """CL Art 45 range refusal: "25y 1m 3d" in English, "25年1个月3日" in Chinese."""
    refusal = _refusal(
        SentenceFacts(SentenceType.FIXED_TERM, Term(years=25, months=1, days=3), D(2020, 1, 1))
    )
    with translation.override("zh-hans"):
        assert str(refusal).endswith("；实际为25年1个月3日。")
    with translation.override("en"):
        assert str(refusal).endswith("; got 25y 1m 3d.")


def test_impossible_profile_reads_in_chinese_and_keeps_the_sentence_reason() -> None:
    """A sentence refusal inside an eligibility profile keeps its translation and article."""
    profile = Profile(
        grounds=frozenset({Ground.MEDICAL}),
        sex="M",
        date_of_birth=D(1970, 5, 17),
        sentence=SentenceFacts(SentenceType.FIXED_TERM, Term(months=3), D(2020, 1, 1)),
    )
    with pytest.raises(ImpossibleProfile) as caught:
        assess(profile, on=D(2026, 3, 2))
    with translation.override("zh-hans"):
        assert str(caught.value).startswith("有期徒刑的期限应为六个月以上十五年以下")
        assert "《刑法》第四十五条" in str(caught.value)
    with translation.override("en"):
        assert "(CL Arts 45, 69); got 3m." in str(caught.value)


def test_a_date_beyond_the_calendar_is_refused_in_chinese() -> None:
    with pytest.raises(DateOutOfRange) as caught:
        term_end(D(9990, 1, 1), years=20)
    with translation.override("zh-hans"):
        assert str(caught.value) == (
            "自9990-01-01起计算的刑期超出了系统可计算的日历范围（公元1年至9999年）。"
        )
    with translation.override("en"):
        assert str(caught.value) == (
            "The term counted from 9990-01-01 ends outside the calendar (years 1 to 9999)."
        )
