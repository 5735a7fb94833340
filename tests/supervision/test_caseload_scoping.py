"""Who sees the caseload (legal-spec §1.1; CCL Art 8; P2014 Art 21): the executing CCI's
officers everyone it supervises; the supervising procuratorate the same people, read-only; the
deciding organ the people it released and their reviews; another province nobody; everyone
else is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from supervision.caseload.selectors import review_list_for_user, supervision_list_for_user
from supervision.models import ConditionReview, ReviewFinding
from tests.provinces import Province, _orgs, _users

from .caseload_steps import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def jiangsu(world) -> Province:
    province = Province(code="32", label="江苏")
    _orgs(province)
    _users(province)
    return province


def _names(user) -> set[str]:
    return {s.case.offender.name for s in supervision_list_for_user(user)}


def test_each_organ_sees_its_own_people_and_another_province_none(world, jiangsu) -> None:
    person(world, "王五", 21, review_from=dt.date(2026, 10, 1))
    person(world, "江苏甲", 25, cci=jiangsu.orgs["cci"])
    assert _names(world.officer) == {"王五"}
    assert _names(jiangsu.users["officer"]) == {"江苏甲"}
    assert _names(world.procurator_a) == {"王五", "江苏甲"}  # the prison's procuratorate
    assert _names(world.approver) == {"王五", "江苏甲"}  # the deciding organ released both
    for key, user in jiangsu.users.items():
        if key != "officer":
            assert _names(user) == set(), key
    for user in (world.clerk_a, world.procurator_b, world.hospital_liaison, world.sysadmin):
        assert _names(user) == set(), user


def test_the_page_answers_the_caseload_roles_and_refuses_the_others(world, jiangsu) -> None:
    record = person(world, "王五", 21, review_from=dt.date(2026, 10, 1))
    url = reverse("supervision:caseload")
    page = world.client_for(world.officer).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "王五" in text and reverse("supervision:community", args=[record.case_id]) in text
    assert 'class="read-only"' not in text
    procurator = world.client_for(world.procurator_a).get(url).content.decode()
    assert "王五" in procurator and 'class="read-only"' in procurator
    other = world.client_for(jiangsu.users["officer"]).get(url).content.decode()
    assert "王五" not in other and record.case.number not in other
    for user in (world.clerk_a, world.hospital_liaison, jiangsu.users["prison_clerk"]):
        assert world.client_for(user).get(url).status_code == 403
    from django.test import Client

    assert Client().get(url).status_code == 302  # a visitor signs in first


def test_the_deciding_organ_sees_the_reviews_of_the_people_it_released(world, jiangsu) -> None:
    record = person(world, "王五", 21)
    ConditionReview.objects.create(
        supervision=record,
        reexamined_on=dt.date(2026, 4, 2),
        hospital=world.hospital,
        hospital_designated=False,
        doctors="李医生 主任医师",
        findings="病情稳定",
        finding=ReviewFinding.DISAPPEARED,
        recorded_by=world.officer,
    )
    later = ConditionReview.objects.create(
        supervision=record,
        reexamined_on=dt.date(2026, 7, 2),
        hospital=world.hospital,
        hospital_designated=True,
        doctors="李医生 主任医师",
        findings="病情未见好转",
        finding=ReviewFinding.PERSIST,
        recorded_by=world.officer,
    )
    assert review_list_for_user(world.approver).first() == later  # newest first
    assert review_list_for_user(world.procurator_a).count() == 2
    assert review_list_for_user(jiangsu.users["approver"]).count() == 0
    assert review_list_for_user(world.clerk_a).count() == 0
    url = reverse("supervision:caseload_reviews")
    text = world.client_for(world.approver).get(url).content.decode()
    assert "王五" in text and "2026-07-02" in text
    assert "flag-undesignated" in text and "flag-disappeared" in text
    other = world.client_for(jiangsu.users["approver"]).get(url)
    assert other.status_code == 200 and "王五" not in other.content.decode()
    assert world.client_for(world.clerk_a).get(url).status_code == 403


def test_a_juvenile_name_is_masked_outside_the_cci_and_the_judicial_organs(world) -> None:
    person(world, "赵小六", 23, juvenile=True)
    url = reverse("supervision:caseload")
    assert "赵小六" in world.client_for(world.officer).get(url).content.decode()
    assert "赵小六" in world.client_for(world.procurator_a).get(url).content.decode()
    approver = world.client_for(world.approver).get(url).content.decode()
    assert "赵小六" not in approver and "赵**" in approver
    # Nor can the name be found by searching for it (CCL Art 54).
    searched = world.client_for(world.approver).get(url, {"q": "赵小六"}).content.decode()
    assert "浙狱暂〔2026〕023号" not in searched
