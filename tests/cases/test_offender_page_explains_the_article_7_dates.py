"""The offender page says where the one-third date applies (P2014 Art 7 ¶1): only for
medical parole or self-care, only for the listed offences or a recidivist, never for
pregnancy or nursing; under 10 years the date limits nothing."""

from __future__ import annotations

import pytest

from tests.factories import SentenceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _page(world, offender, language: str = "en") -> str:
    response = world.client_for(world.clerk_a).get(
        f"/offenders/{offender.pk}/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_one_third_date_says_where_article_7_applies(world) -> None:
    # world.offender_a: 12 years fixed-term, so Art 7 ¶1 can apply.
    body = _page(world, world.offender_a)
    assert "One third of the original term served on" in body
    assert "This date matters only where Art 7 applies" in body
    assert "never applies to pregnancy or nursing" in body


def test_the_explanation_is_in_chinese_for_a_chinese_reader(world) -> None:
    body = _page(world, world.offender_a, "zh-hans")
    assert "此日期仅在适用《暂予监外执行规定》第七条时才有意义" in body
    assert "This date matters only" not in body


def test_under_ten_years_the_date_limits_nothing(world) -> None:
    sentence = SentenceFactory(
        offender__custodian=world.prison_a, original_years=5, judgment_number="(2024)浙0106刑初9号"
    )
    body = _page(world, sentence.offender)
    assert "The original term is under 10 years" in body
    assert "This date matters only where Art 7 applies" not in body
