"""The guarantor's four conditions (P2014 Art 11), each recorded on its own with its evidence;
condition (4) computed from the region codes (same county, or same city); every refusal names
the item that fails, at the step, on the web form and in the API."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.acts.proposal import case_advance
from cases.guarantor_rules import same_city_or_county
from cases.models import Guarantor, ResidenceVerification
from cases.services.workflow import TransitionRefused

from .steps import advance, record, to_assessed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]

# The prisoner (world.case_a) lives in 浙江省杭州市西湖区 (330106).
SAME_COUNTY = ("杭州市西湖区文三路100号", "330106")
SAME_CITY = ("杭州市余杭区临平街道8号", "330110")
OTHER_CITY = ("江苏省南京市鼓楼区中山路1号", "320106")


def _guarantor(**changes: object) -> Guarantor:
    fields: dict[str, object] = {
        "name": "张父",
        "id_number": "330106195001010011",
        "relationship": "父亲",
        "proposed_by": "relative",
        "full_capacity_and_willing": True,
        "capacity_evidence": "居民身份证、书面保证意愿",
        "freedom_not_restricted": True,
        "freedom_evidence": "派出所证明",
        "fixed_residence_and_income": True,
        "residence_and_income_evidence": "房产证、工资证明",
        "residence_address": SAME_COUNTY[0],
        "residence_region_code": SAME_COUNTY[1],
        "lives_with_prisoner": False,
        "residence_evidence": "户口簿",
        "examined_on": dt.date(2026, 3, 7),
        "confirmed": False,
        "letter_filed_on": dt.date(2026, 3, 8),
        **changes,
    }
    return Guarantor(**fields)


def _prepared(world):
    case = world.case_a
    to_assessed(world, case)
    advance(world, case, "prepare")
    case.refresh_from_db()
    return case


def _unmet_at_the_step(world, case) -> list[tuple[str, str]]:
    case.refresh_from_db()
    with pytest.raises(TransitionRefused) as exc:
        case_advance(
            case_id=case.pk,
            actor=world.clerk_a,
            step="ready_for_deliberation",
            expected_state=case.state,
        )
    return [
        (r.article, str(r.message))
        for r in exc.value.requirements
        if r.article.startswith("P2014 Art 11")
    ]


def test_same_county_or_same_city_counts_and_another_city_does_not() -> None:
    assert same_city_or_county("330106", "330106")  # same county
    assert same_city_or_county("330110", "330106")  # same city, another district
    assert not same_city_or_county("320106", "330106")  # another province
    assert not same_city_or_county("320106", "320506")  # Nanjing is not Suzhou
    # A municipality is one city: a Chongqing county (5002xx) and a district (5001xx).
    assert same_city_or_county("500229", "500103")
    # A county-level city under the province (429004 仙桃) is a city of its own.
    assert not same_city_or_county("429004", "429005")
    assert not same_city_or_county("", "330106")


@pytest.mark.parametrize(
    ("changes", "article"),
    [
        ({"full_capacity_and_willing": False}, "P2014 Art 11(1)"),
        ({"freedom_not_restricted": False}, "P2014 Art 11(2)"),
        ({"fixed_residence_and_income": False}, "P2014 Art 11(3)"),
        ({"capacity_evidence": ""}, "P2014 Art 11(1)"),
        ({"freedom_evidence": ""}, "P2014 Art 11(2)"),
        ({"residence_and_income_evidence": ""}, "P2014 Art 11(3)"),
        ({"residence_evidence": ""}, "P2014 Art 11(4)"),
        (
            {"residence_address": OTHER_CITY[0], "residence_region_code": OTHER_CITY[1]},
            "P2014 Art 11(4)",
        ),
    ],
)
def test_each_condition_is_refused_on_its_own_with_its_article_item(
    world, changes, article
) -> None:
    case = _prepared(world)
    record(world, case, _guarantor(**changes))
    unmet = _unmet_at_the_step(world, case)
    assert [a for a, _ in unmet] == [article]
    assert not any("all four" in message for _, message in unmet)


def test_a_guarantor_in_another_city_is_refused_naming_both_places(world) -> None:
    case = _prepared(world)
    record(
        world,
        case,
        _guarantor(residence_address=OTHER_CITY[0], residence_region_code=OTHER_CITY[1]),
    )
    [(article, message)] = _unmet_at_the_step(world, case)
    assert article == "P2014 Art 11(4)"
    assert "江苏省南京市鼓楼区中山路1号 (320106)" in message
    assert "浙江省杭州市西湖区 (330106)" in message


def test_the_same_city_meets_condition_4_without_living_together(world) -> None:
    case = _prepared(world)
    record(
        world,
        case,
        _guarantor(residence_address=SAME_CITY[0], residence_region_code=SAME_CITY[1]),
    )
    assert _unmet_at_the_step(world, case) == []


def test_living_with_the_prisoner_meets_condition_4_whatever_the_code(world) -> None:
    case = _prepared(world)
    guarantor = _guarantor(residence_address="", residence_region_code="", lives_with_prisoner=True)
    record(world, case, guarantor)
    assert case.guarantor is not None and case.guarantor.lives_with_or_nearby


def test_the_verified_residence_is_compared_rather_than_the_registered_one(world) -> None:
    """The person will live at the residence verified (Art 8 ¶2): a guarantor near the
    registered residence but not near the verified one fails (4)."""
    case = _prepared(world)
    record(world, case, _guarantor())
    record(
        world,
        case,
        ResidenceVerification(
            address="江苏省苏州市姑苏区人民路2号",
            region_code="320508",
            verified_on=dt.date(2026, 3, 6),
            method="派员实地核实",
        ),
    )
    [(article, message)] = _unmet_at_the_step(world, case)
    assert article == "P2014 Art 11(4)" and "320508" in message


def test_the_prison_cannot_confirm_a_guarantor_who_fails_an_item(world) -> None:
    from django.core.exceptions import ValidationError

    case = _prepared(world)
    with pytest.raises(ValidationError) as exc:
        record(
            world,
            case,
            _guarantor(confirmed=True, freedom_not_restricted=False),
        )
    assert any("P2014 Art 11(2)" in m for m in exc.value.messages)
    assert not case.guarantors.exists()


def test_the_web_form_names_the_failing_item_and_keeps_what_was_typed(world) -> None:
    case = _prepared(world)
    data = {
        "guarantor-name": "张父",
        "guarantor-id_number": "330106195001010011",
        "guarantor-relationship": "父亲",
        "guarantor-proposed_by": "relative",
        "guarantor-full_capacity_and_willing": "on",
        "guarantor-capacity_evidence": "居民身份证",
        "guarantor-freedom_not_restricted": "on",
        "guarantor-freedom_evidence": "派出所证明",
        "guarantor-fixed_residence_and_income": "on",
        "guarantor-residence_and_income_evidence": "房产证",
        "guarantor-residence_address": OTHER_CITY[0],
        "guarantor-residence_region_code": OTHER_CITY[1],
        "guarantor-residence_evidence": "户口簿",
        "guarantor-examined_on": "2026-03-07",
        "guarantor-confirmed": "on",
    }
    response = world.client_for(world.clerk_a).post(
        f"/cases/{case.pk}/records/guarantor/", data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "P2014 Art 11(4)" in body and "320106" in body
    assert "all four conditions" not in body
    assert 'value="户口簿"' in body  # nothing typed is lost
    assert not case.guarantors.exists()


def test_the_web_form_asks_for_a_residence_unless_the_guarantor_lives_with_the_prisoner(
    world,
) -> None:
    case = _prepared(world)
    response = world.client_for(world.clerk_a).post(
        f"/cases/{case.pk}/records/guarantor/",
        {
            "guarantor-name": "张父",
            "guarantor-id_number": "330106195001010011",
            "guarantor-relationship": "父亲",
            "guarantor-proposed_by": "relative",
            "guarantor-residence_region_code": "3301",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "six digits" in response.content.decode()
    assert not case.guarantors.exists()


def test_the_api_refuses_confirming_a_guarantor_naming_the_item(world) -> None:
    case = _prepared(world)
    body = {
        "expected_state": case.state,
        "name": "张父",
        "id_number": "330106195001010011",
        "relationship": "父亲",
        "proposed_by": "relative",
        "full_capacity_and_willing": True,
        "capacity_evidence": "居民身份证",
        "freedom_not_restricted": True,
        "freedom_evidence": "派出所证明",
        "fixed_residence_and_income": False,
        "residence_address": SAME_CITY[0],
        "residence_region_code": SAME_CITY[1],
        "residence_evidence": "户口簿",
        "examined_on": "2026-03-07",
        "confirmed": True,
    }
    client = world.client_for(world.clerk_a)
    url = f"/api/v1/cases/{case.pk}/acts/record_guarantor/"
    refused = client.post(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400, refused.content
    assert "P2014 Art 11(3)" in refused.content.decode()
    assert not case.guarantors.exists()
    body |= {"fixed_residence_and_income": True, "residence_and_income_evidence": "工资证明"}
    accepted = client.post(url, body, content_type="application/json")
    assert accepted.status_code in (200, 201), accepted.content
    guarantor = case.guarantors.get()
    assert guarantor.meets_article_11 and guarantor.residence_region_code == "330110"


def test_a_guarantor_is_confirmed_only_with_the_date_of_the_examination(world) -> None:
    from django.core.exceptions import ValidationError

    case = _prepared(world)
    with pytest.raises(ValidationError) as exc:
        record(world, case, _guarantor(confirmed=True, examined_on=None))
    assert "examined_on" in exc.value.message_dict
    assert not case.guarantors.exists()
