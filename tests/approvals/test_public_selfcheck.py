"""The families' self-check (issue 14): a guide in plain Chinese (complete English) whose time
limits are the deadline kinds' own, and a questionnaire answering likely / unlikely / depends
with the articles, through the eligibility engine, storing and logging nothing."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine

from approvals.public.selfcheck import self_check
from kernel.deadlines.kinds import KINDS
from tests.approvals.public_helpers import SH, chinese_in, english_words_in, main_text

URL = "/public/self-check/"

#: Adult, fixed term of 5 years, illness in the catalogue, no exclusion, a guarantor.
LIKELY = {
    "ground": "medical",
    "sentence_type": "fixed_term",
    "term_years": "5",
    "term_months": "0",
    "execution_start": "2024-01-01",
    "violent_or_recidivist": "no",
    "illness_in_catalogue": "yes",
    "short_term_life_danger": "no",
    "social_danger": "no",
    "self_injury": "no",
    "refuses_treatment": "no",
    "guarantor": "yes",
    "juvenile": "no",
    "aged_65": "no",
    "disabled": "no",
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, tzinfo=SH), tick=False):
        yield


def _answer(client, lang="zh-hans", **changes):
    response = client.get(URL, {**LIKELY, **changes}, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response, response.content.decode()


def _verdict(html: str) -> str:
    return html.split('data-verdict="', 1)[1].split('"', 1)[0]


def test_guide_renders_in_chinese_with_the_clocks_own_limits(client) -> None:
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    text = main_text(response.content.decode())
    assert "谁可以申请" in text and "《暂予监外执行规定》第八条第一款" in text
    assert f"{KINDS['D-04'].amount}个工作日" in text
    assert f"{KINDS['D-09'].amount}日" in text
    assert f"{KINDS['D-10'].amount}个月" in text
    assert "《暂予监外执行规定》第十四条" in text
    assert english_words_in(text) == []
    assert 'id="self-check-answer"' not in response.content.decode()


def test_guide_renders_in_english_without_chinese(client) -> None:
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    text = main_text(response.content.decode())
    assert "Who may apply" in text and "P2014 Art 8 ¶1" in text
    assert f"{KINDS['D-04'].amount} working days" in text
    assert chinese_in(text) == []


def test_likely_when_every_condition_appears_met(client) -> None:
    _response, html = _answer(client)
    assert _verdict(html) == "likely"
    assert "可能符合" in html
    assert "《暂予监外执行规定》第六条第一款" in html


def test_unlikely_with_the_article_of_the_bar(client) -> None:
    _response, html = _answer(client, social_danger="yes")
    assert _verdict(html) == "unlikely"
    assert "《暂予监外执行规定》第六条第一款" in main_text(html).split("查询结果")[1]
    _response, html = _answer(client, sentence_type="life", term_years="", term_months="")
    assert _verdict(html) == "unlikely"
    assert "《暂予监外执行规定》第五条第二款" in html


def test_unlikely_before_the_time_served_date_under_art_7(client) -> None:
    _response, html = _answer(client, violent_or_recidivist="yes", term_years="12")
    assert _verdict(html) == "unlikely"
    assert "2028-01-01以前不太可能" in html  # one third of 12 years from 2024-01-01
    assert "《暂予监外执行规定》第七条第一款" in html


def test_depends_on_what_is_not_known(client) -> None:
    _response, html = _answer(client, illness_in_catalogue="unknown")
    assert _verdict(html) == "depends"
    assert "取决于以下情况" in html
    _response, html = _answer(client, violent_or_recidivist="unknown", term_years="12")
    assert _verdict(html) == "depends"
    assert "是否为累犯" in html
    _response, html = _answer(client, violent_or_recidivist="yes", term_years="12", aged_65="yes")
    assert _verdict(html) == "depends"
    assert "《暂予监外执行规定》第七条第二款" in html
    # No internal rule code reaches the public: the rule reads as its article.
    assert "EL-" not in main_text(html)
    assert "《暂予监外执行规定》第七条第一款规定的执行刑期条件" in html


def test_answers_in_english(client) -> None:
    _response, html = _answer(client, lang="en", social_danger="yes")
    assert _verdict(html) == "unlikely"
    assert "Unlikely" in html and "P2014 Art 6 ¶1" in html
    assert chinese_in(main_text(html)) == []
    _response, html = _answer(client, lang="en", violent_or_recidivist="yes", term_years="12")
    assert "Unlikely before 2028-01-01" in html
    assert "EL-" not in main_text(html)


def test_the_engine_gives_the_same_answer_as_the_page() -> None:
    data = {**LIKELY, "term_years": 12, "term_months": 0, "violent_or_recidivist": "yes"}
    data["execution_start"] = dt.date(2024, 1, 1)
    answer = self_check(data, on=dt.date(2026, 6, 1))
    assert answer.verdict == "unlikely"
    assert answer.until == dt.date(2028, 1, 1)
    assert {r.rule for r in answer.deciding} == {"EL-30b"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"execution_start": "2026-07-01"}, "刑期起算日期不能晚于今天"),
        ({"execution_start": "1949-01-01"}, "刑期起算日期不能早于1950年"),
        ({"term_years": "", "term_months": ""}, "请填写刑期"),
        ({"term_years": "99"}, "25"),
        ({"ground": "spaceflight"}, "spaceflight"),
        # A detention of 2 years cannot exist (CL Arts 42, 69): the engine's own refusal.
        ({"sentence_type": "criminal_detention", "term_years": "2"}, "《刑法》"),
    ],
)
def test_inputs_are_validated_with_clear_messages(client, changes, message) -> None:
    _response, html = _answer(client, **changes)
    assert 'id="self-check-answer"' not in html
    assert 'class="error"' in html
    assert message in html


def test_nothing_is_stored_logged_or_cached(client, caplog) -> None:
    """No database mark: any query at all (a write, a session row) would raise here."""
    caplog.set_level(logging.DEBUG)
    response, html = _answer(client, guarantor="no")
    assert _verdict(html) == "depends"
    assert "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "guarantor" not in logged and "2024-01-01" not in logged


@pytest.mark.django_db
def test_linked_from_the_login_page_and_the_published_decisions(client) -> None:
    for url in ("/accounts/login/", "/public/decisions/"):
        html = client.get(url).content.decode()
        links = html.split('id="public-links"', 1)[1].split("</nav>", 1)[0]
        assert 'href="/public/self-check/"' in links, url
        assert 'href="/public/statistics/"' in links, url
