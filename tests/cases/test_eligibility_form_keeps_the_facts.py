"""The eligibility form keeps the facts already entered (issue 14): re-opening the eligibility
page shows the facts stated at the last assessment, yes/no answers included, and a form refused
for an error keeps everything typed."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]


@pytest.fixture
def catalogue(db) -> None:
    from cases.services.catalogue import catalogue_sync

    catalogue_sync()


def _selected(body: str, name: str, value: str) -> bool:
    """Whether the select `facts-<name>` has `value` selected."""
    start = body.index(f'name="facts-{name}"')
    select = body[start : body.index("</select>", start)]
    return f'<option value="{value}" selected>' in select


def test_reopening_the_case_shows_the_facts_last_stated(world, catalogue) -> None:
    client = world.client_for(world.clerk_a)
    url = f"/cases/{world.case_a.pk}/eligibility/"
    facts = {
        "expected_state": world.case_a.state,
        "facts-crimes": ["robbery", "recidivist"],
        "facts-social_danger": "no",
        "facts-self_injury": "yes",
        "facts-juvenile_at_offence": "no",
        "facts-cardio_metabolic": "on",
    }
    assert client.post(url, facts).status_code == 302
    body = client.get(url).content.decode()
    assert _selected(body, "social_danger", "no")
    assert _selected(body, "self_injury", "yes")
    assert _selected(body, "juvenile_at_offence", "no")
    assert _selected(body, "refuses_treatment", "")  # never stated: still "not established"
    assert 'value="robbery" id="id_facts-crimes_' in body
    for crime in ("robbery", "recidivist"):
        assert f'value="{crime}" id=' in body
        tag = body[body.index(f'value="{crime}" id=') :].split(">", 1)[0]
        assert "checked" in tag, crime
    cardio = body[body.index('name="facts-cardio_metabolic"') :].split(">", 1)[0]
    assert "checked" in cardio


def test_a_refused_form_keeps_what_was_typed(world, catalogue) -> None:
    client = world.client_for(world.clerk_a)
    response = client.post(
        f"/cases/{world.case_a.pk}/eligibility/",
        {
            "expected_state": world.case_a.state,
            "facts-crimes": ["arson"],
            "facts-social_danger": "yes",
            "facts-infant_date_of_birth": "not a date",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert _selected(body, "social_danger", "yes")
    tag = body[body.index('value="arson" id=') :].split(">", 1)[0]
    assert "checked" in tag
    assert 'value="not a date"' in body
