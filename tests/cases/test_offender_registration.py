"""Registering an offender and the sentence executed (cases/, Criminal Law Arts 44, 47)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cases.models import Offender, Sentence
from kernel.audit.models import AuditEvent
from tests.factories import identity_number

pytestmark = pytest.mark.django_db


def _post_data(**overrides: object) -> dict[str, object]:
    data = {
        "offender-name": "王五",
        "offender-id_number": identity_number(sequence=21, birth=dt.date(1980, 2, 29)),
        "offender-sex": "M",
        "offender-date_of_birth": "1980-02-29",
        "offender-residence_address": "浙江省杭州市西湖区",
        "offender-residence_region_code": "330106",
        "sentence-judgment_number": "(2021)浙0106刑初5号",
        "sentence-offences": "诈骗罪",
        "sentence-original_type": "fixed_term",
        "sentence-original_years": "10",
        "sentence-original_months": "0",
        "sentence-execution_start": "2021-03-05",
        "sentence-custody_days": "30",
    }
    data.update(overrides)
    return data


def test_clerk_registers_offender_and_expiry_is_computed(world) -> None:
    response = world.client_for(world.clerk_a).post(reverse("cases:offender_create"), _post_data())
    assert response.status_code == 302
    offender = Offender.objects.get(name="王五")
    assert offender.custodian == world.prison_a
    sentence = Sentence.objects.get(offender=offender)
    # 10 years from 2021-03-05 ends 2031-03-04; 30 custody days credited -> 2031-02-02.
    assert sentence.expiry_date == dt.date(2031, 2, 2)
    assert AuditEvent.objects.filter(action="offender.registered", object_id=str(offender.pk))


def test_wrong_check_digit_is_refused_with_a_clear_message_and_nothing_saved(world) -> None:
    good = identity_number(sequence=21, birth=dt.date(1980, 2, 29))
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = world.client_for(world.clerk_a).post(
        reverse("cases:offender_create"),
        _post_data(**{"offender-id_number": bad}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "check digit" in response.content.decode()
    assert not Offender.objects.filter(name="王五").exists()


def test_date_of_birth_must_match_the_identity_number(world) -> None:
    response = world.client_for(world.clerk_a).post(
        reverse("cases:offender_create"),
        _post_data(**{"offender-date_of_birth": "1980-03-01"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "does not match the identity number" in response.content.decode()
    assert not Offender.objects.filter(name="王五").exists()


def test_fixed_term_without_a_term_is_refused_and_nothing_saved(world) -> None:
    response = world.client_for(world.clerk_a).post(
        reverse("cases:offender_create"),
        _post_data(**{"sentence-original_years": "0", "sentence-original_months": "0"}),
    )
    assert response.status_code == 400
    assert not Offender.objects.filter(name="王五").exists()


def test_prison_leader_cannot_register(world) -> None:
    response = world.client_for(world.leader_a).post(reverse("cases:offender_create"), _post_data())
    assert response.status_code == 403


def test_interface_is_chinese_by_default(world) -> None:
    response = world.client_for(world.clerk_a).get(reverse("cases:offender_create"))
    assert "登记罪犯" in response.content.decode()


def test_commutation_recomputes_the_expiry_and_is_audited(world) -> None:
    sentence = world.offender_a.sentences.get()
    before = sentence.expiry_date
    response = world.client_for(world.clerk_a).post(
        reverse("cases:commutation_create", args=[world.offender_a.pk]),
        {
            "ruling_date": "2024-06-01",
            "kind": "reduction",
            "years": "0",
            "months": "8",
            "days": "0",
            "ruling_number": "(2024)浙01刑更1号",
        },
    )
    assert response.status_code == 302
    sentence.refresh_from_db()
    # 12 years from 2020-01-01 end 2031-12-31; reduced by 8 months -> 2031-04-30.
    assert before == dt.date(2031, 12, 31)
    assert sentence.expiry_date == dt.date(2031, 4, 30)
    event = AuditEvent.objects.filter(action="sentence.commutation_recorded").get()
    assert event.payload["expiry_before"] == before.isoformat()


def test_impossible_commutation_is_refused_and_leaves_the_sentence_unchanged(world) -> None:
    sentence = world.offender_a.sentences.get()
    response = world.client_for(world.clerk_a).post(
        reverse("cases:commutation_create", args=[world.offender_a.pk]),
        {"ruling_date": "2024-06-01", "kind": "to_life", "years": "0", "months": "0", "days": "0"},
    )
    assert response.status_code == 400
    sentence.refresh_from_db()
    assert sentence.commutations.count() == 0
    assert not AuditEvent.objects.filter(action="sentence.commutation_recorded").exists()


def test_sentence_refusal_reads_in_chinese_by_default_with_its_article(world) -> None:
    """CL Art 45: the arithmetic's refusal reaches the clerk in Chinese, article and all."""
    response = world.client_for(world.clerk_a).post(
        reverse("cases:offender_create"),
        _post_data(**{"sentence-original_years": "0", "sentence-original_months": "3"}),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "有期徒刑的期限应为六个月以上十五年以下" in body
    assert "（《刑法》第四十五条、第六十九条）；实际为3个月。" in body
    assert "must be from 6 months" not in body
    assert not Offender.objects.filter(name="王五").exists()


def test_sentence_refusal_reads_in_english_for_an_english_reader(world) -> None:
    response = world.client_for(world.clerk_a).post(
        reverse("cases:offender_create"),
        _post_data(**{"sentence-original_years": "0", "sentence-original_months": "3"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert (
        "A sentence of fixed-term imprisonment must be from 6 months to 15 years, or up to 25 "
        "years for several crimes (CL Arts 45, 69); got 3m." in body
    )
    assert "有期徒刑的期限" not in body


def test_impossible_commutation_names_the_rule_in_the_readers_language(world) -> None:
    """CL Art 50: only death with reprieve is commuted to life; said in Chinese, then English."""
    client = world.client_for(world.clerk_a)
    url = reverse("cases:commutation_create", args=[world.offender_a.pk])
    data = {
        "ruling_date": "2024-06-01",
        "kind": "to_life",
        "years": "0",
        "months": "0",
        "days": "0",
    }
    chinese = client.post(url, data).content.decode()
    assert (
        "只有死刑缓期执行可以减为无期徒刑；2024-06-01作出裁定时，所执行的刑罚为有期徒刑。"
        in chinese
    )
    english = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "Only death with reprieve can be commuted to life imprisonment; when the ruling of "
        "2024-06-01 was made the sentence was fixed-term imprisonment." in english
    )
