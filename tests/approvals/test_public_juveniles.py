"""Juveniles are never published (legal-spec E-31; CCL Arts 52-58): not in the list, the
detail (404), the Atom and JSON feeds, nor the statistics, whether the fact was recorded
before the decision or after its publication."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from approvals.models import Publication
from approvals.public.statistics import public_statistics
from approvals.publication import decision_publish
from cases.models import EligibilityAssessment
from tests.approvals.public_helpers import plant
from tests.approvals.test_decision import _decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]

PUBLIC_OUTPUTS = (
    "/public/decisions/",
    "/public/decisions/feed.atom",
    "/public/decisions/feed.json",
)


def _state_juvenile(case) -> None:
    EligibilityAssessment.objects.create(
        case=case,
        assessed_on=dt.date(2026, 3, 1),
        assessed_by="clerk",
        ruleset_version="test",
        outcome="eligible",
        inputs={"facts": {"juvenile_at_offence": True}},
        result={},
    )


def test_a_juveniles_approval_is_not_published(world, proposed) -> None:
    _state_juvenile(proposed)
    decision = _decide(world, proposed)
    assert decision.approved
    assert not Publication.objects.exists()


def test_a_publication_made_before_the_fact_disappears_from_every_output(
    world, proposed, client
) -> None:
    decision = _decide(world, proposed)
    publication = Publication.objects.get()
    for url in PUBLIC_OUTPUTS:
        assert publication.title in client.get(url).content.decode(), url
    _state_juvenile(proposed)
    assert client.get(f"/public/decisions/{publication.pk}/").status_code == 404
    for url in PUBLIC_OUTPUTS:
        body = client.get(url).content.decode()
        assert publication.title not in body, url
        assert "张某" not in body, url
    assert decision_publish(decision) is None  # never published again either


def test_under_18_when_the_sentence_began_counts_as_a_juvenile(world, proposed, client) -> None:
    offender = proposed.offender
    offender.date_of_birth = proposed.sentence.execution_start - dt.timedelta(days=17 * 365)
    offender.save(update_fields=["date_of_birth"])
    _decide(world, proposed)
    assert not Publication.objects.exists()
    assert "张某" not in client.get("/public/decisions/feed.json").content.decode()


def test_juveniles_are_not_counted_in_the_statistics(client) -> None:
    cache.clear()
    for _ in range(5):
        plant(province="35", juvenile=True)
    plant(province="35")
    tables = {t.key: t for t in public_statistics().tables}
    province = {key: cells for key, _label, cells in tables["province"].rows}
    assert str(province["35"]["approvals"]) == "<5"  # 1 adult; the 5 juveniles are left out
    assert "福建" in client.get("/public/statistics/").content.decode()
    csv_text = client.get("/public/statistics.csv").content.decode("utf-8-sig")
    assert "province,35,approvals,<5" in csv_text
    cache.clear()
