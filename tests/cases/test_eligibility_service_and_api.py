"""Eligibility on a case (stored with its inputs and rule-set version) and over the API."""

from __future__ import annotations

import pytest

from cases.models import EligibilityAssessment
from kernel.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]

URL = "/api/v1/eligibility/assess"


def _profile(**overrides):
    data = {
        "on": "2026-03-02",
        "grounds": ["medical"],
        "sex": "M",
        "date_of_birth": "1970-05-17",
        "sentence": {
            "original_type": "fixed_term",
            "original_term": {"years": 12},
            "execution_start": "2020-01-01",
            "custody_days": 0,
        },
        "diagnosis": {
            "catalogue_item": "2014-III-1",
            "short_term_life_danger": False,
            "formalities_met": True,
        },
        "risk": {"social_danger": False, "self_injury": False, "refuses_treatment": False},
    }
    data.update(overrides)
    return data


@pytest.fixture
def catalogue(db) -> None:
    from cases.services.catalogue import catalogue_sync

    catalogue_sync()


def test_api_assesses_without_creating_a_case(world, catalogue) -> None:
    response = world.client_for(world.clerk_a).post(
        URL, _profile(), content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["outcome"] == "eligible"
    assert body["ruleset_version"]
    rules = {r["rule"] for r in body["results"]}
    assert {"EL-04", "EL-05"} <= rules
    assert all(r["article"] for r in body["results"])
    assert not EligibilityAssessment.objects.exists()


def test_api_threshold_gives_the_date_of_eligibility(world, catalogue) -> None:
    body = (
        world.client_for(world.clerk_a)
        .post(URL, _profile(on="2022-06-01", crimes=["robbery"]), content_type="application/json")
        .json()
    )
    assert body["outcome"] == "ineligible_until"
    assert body["eligible_on"] == "2024-01-01"  # one third of 12 years from 2020-01-01


def test_api_life_sentence_cannot_use_the_medical_ground(world, catalogue) -> None:
    body = (
        world.client_for(world.clerk_a)
        .post(
            URL,
            _profile(sentence={"original_type": "life", "execution_start": "2020-01-01"}),
            content_type="application/json",
        )
        .json()
    )
    assert body["outcome"] == "ineligible"
    el02 = next(r for r in body["results"] if r["rule"] == "EL-02")
    assert "Art 5" in el02["article"]


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"grounds": ["pregnant"]}, "pregnan"),
        ({"sentence": {"original_type": "fixed_term", "execution_start": "2020-01-01"}}, "term"),
    ],
)
def test_api_impossible_profile_is_400_with_the_reason(
    world, catalogue, overrides, fragment
) -> None:
    response = world.client_for(world.clerk_a).post(
        URL, _profile(**overrides), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert fragment in str(response.json()["detail"]).lower()


def test_api_impossible_profile_reason_is_in_chinese_by_default_and_english_on_request(
    world, catalogue
) -> None:
    """P2014 Art 5 ¶1(2) and CL Art 45 refusals answer in the reader's language."""
    client = world.client_for(world.clerk_a)
    man_pregnant = _profile(grounds=["pregnant"])
    detail = client.post(URL, man_pregnant, content_type="application/json").json()["detail"]
    assert detail == (
        "男性不能以怀孕为由申请（《暂予监外执行规定》第五条第一款第二项：怀孕或者正在哺乳自己婴儿的妇女）。"
    )
    short = _profile(
        sentence={
            "original_type": "fixed_term",
            "original_term": {"months": 3},
            "execution_start": "2020-01-01",
        }
    )
    chinese = client.post(URL, short, content_type="application/json").json()["detail"]
    assert chinese.startswith("有期徒刑的期限应为六个月以上十五年以下")
    assert chinese.endswith("（《刑法》第四十五条、第六十九条）；实际为3个月。")
    english = client.post(
        URL, short, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    ).json()["detail"]
    assert english.endswith("(CL Arts 45, 69); got 3m.")


@pytest.mark.parametrize(
    "overrides",
    [
        {"grounds": []},
        {"grounds": ["teleportation"]},
        {"sex": "X"},
        {"date_of_birth": "yesterday"},
        {"crimes": ["jaywalking"]},
        {"diagnosis": {"catalogue_item": "NO-SUCH-ITEM"}},
    ],
)
def test_api_bad_input_is_400(world, catalogue, overrides) -> None:
    response = world.client_for(world.clerk_a).post(
        URL, _profile(**overrides), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]


def test_api_is_documented_and_needs_a_case_role(world, catalogue) -> None:
    schema = world.client_for(world.clerk_a).get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/eligibility/assess" in schema["paths"]
    assert (
        world.client_for(world.hospital_liaison)
        .post(URL, _profile(), content_type="application/json")
        .status_code
        == 403
    )


def test_case_assessment_is_stored_with_inputs_and_sets_the_flags(world, catalogue) -> None:
    client = world.client_for(world.clerk_a)
    response = client.post(
        f"/cases/{world.case_a.pk}/eligibility/",
        {
            "expected_state": world.case_a.state,
            "facts-crimes": ["duty_crime"],
            "facts-social_danger": "no",
            "facts-self_injury": "no",
            "facts-refuses_treatment": "no",
        },
    )
    assert response.status_code == 302
    stored = EligibilityAssessment.objects.get(case=world.case_a)
    assert stored.inputs["facts"]["crimes"] == ["duty_crime"]
    assert stored.inputs["profile"]["sex"] == "M"
    assert stored.ruleset_version
    world.case_a.refresh_from_db()
    assert world.case_a.filing_required is True  # EL-22: duty crime, P2014 Art 2 ¶2
    assert world.case_a.strict_review is True  # EL-20
    assert AuditEvent.objects.filter(action="case.eligibility_assessed").exists()
    page = client.get(f"/cases/{world.case_a.pk}/").content.decode()
    assert "EL-22" in page


def test_only_the_institutions_clerk_runs_the_case_assessment(world, catalogue) -> None:
    url = f"/cases/{world.case_a.pk}/eligibility/"
    assert world.client_for(world.procurator_a).post(url, {}).status_code == 403
    assert world.client_for(world.clerk_b).post(url, {}).status_code == 404
