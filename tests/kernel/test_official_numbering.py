"""One numbering service for case, decision and document numbers (issue 10 item 5): the
organisation's official abbreviation, a series per document, the year, and a sequence per
organisation, series and year drawn under a row lock in the issuing transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from cases.services import case_open, offender_register
from kernel.accounts.models import Organisation
from kernel.numbering.models import NumberSeries
from kernel.numbering.services import number_issue
from tests.factories import OrganisationFactory, identity_number

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _offender(world, seq: int):
    return offender_register(
        actor=world.clerk_a,
        offender_data={
            "name": f"犯{seq}",
            "id_number": identity_number(sequence=seq),
            "sex": "M",
            "date_of_birth": dt.date(1970, 5, 17),
            "residence_address": "浙江省杭州市西湖区",
            "residence_region_code": "330106",
        },
        sentence_data={
            "judgment_number": f"(2019)浙0106刑初{seq}号",
            "offences": "盗窃罪",
            "original_type": "fixed_term",
            "original_years": 12,
            "original_months": 0,
            "execution_start": dt.date(2020, 1, 1),
            "custody_days": 0,
        },
    )


def _open(world, seq: int, number: str | None = None):
    return case_open(
        actor=world.clerk_a,
        offender=_offender(world, seq),
        number=number,
        opened_on=dt.date(2026, 4, 1),
        ground_medical=True,
    )


def test_a_case_number_opens_with_the_institutions_abbreviation(world) -> None:
    assert _open(world, 41).number == "浙一监暂〔2026〕001号"
    assert _open(world, 43).number == "浙一监暂〔2026〕002号"


def test_a_number_the_clerk_typed_is_never_issued_again(world) -> None:
    _open(world, 41, number="浙一监暂〔2026〕001号")
    assert _open(world, 43).number == "浙一监暂〔2026〕002号"


def test_each_organisation_series_and_year_counts_on_its_own(world) -> None:
    with transaction.atomic():
        issued = [
            number_issue(organisation=world.pab, series="暂决", year=2026),
            number_issue(organisation=world.pab, series="不批", year=2026),
            number_issue(organisation=world.pab, series="暂决", year=2027),
            number_issue(organisation=world.mpsb, series="暂决", year=2026),
            number_issue(organisation=world.pab, series="暂决", year=2026),
        ]
    assert issued == [
        "浙狱暂决〔2026〕001号",
        "浙狱不批〔2026〕001号",
        "浙狱暂决〔2027〕001号",
        "杭公暂决〔2026〕001号",
        "浙狱暂决〔2026〕002号",
    ]


def test_an_issue_that_rolls_back_gives_its_number_back(world) -> None:
    with pytest.raises(RuntimeError, match="refused"), transaction.atomic():
        number_issue(organisation=world.pab, series="暂决", year=2026)
        raise RuntimeError("refused after drawing")
    with transaction.atomic():
        assert number_issue(organisation=world.pab, series="暂决", year=2026).endswith("001号")


@pytest.mark.django_db(transaction=True)
def test_a_number_is_drawn_only_inside_the_issuing_transaction() -> None:
    """Outside a transaction the counter's lock would end before the record is stored."""
    pab = OrganisationFactory(abbreviation="浙狱")
    with pytest.raises(RuntimeError, match="inside the issuing transaction"):
        number_issue(organisation=pab, series="暂决", year=2026)
    assert not NumberSeries.objects.exists()


def test_no_number_without_an_official_abbreviation(world) -> None:
    """A cut-off name is no official abbreviation: the case is not opened, and the clerk is
    told whom to ask."""
    world.prison_a.abbreviation = ""
    world.prison_a.save()
    with pytest.raises(ValidationError) as refused:
        _open(world, 41)
    assert refused.value.messages == [
        "第一监狱 has no official abbreviation, so no official number can be issued in its "
        "name. Ask the system administrator to record the abbreviation (e.g. 浙狱) on the "
        "organisation, then try again."
    ]


@pytest.mark.parametrize("bad", ["浙 狱", "ZJ", "浙狱〔", "浙狱1", "一二三四五六七八九十一二三"])
def test_an_official_abbreviation_is_chinese_characters_only(bad: str) -> None:
    org = OrganisationFactory.build(abbreviation=bad)
    with pytest.raises(ValidationError) as refused:
        org.full_clean()
    assert "abbreviation" in refused.value.message_dict


def test_two_organisations_cannot_share_an_abbreviation(world) -> None:
    org = OrganisationFactory.build(name="另一监狱", abbreviation="浙狱")
    with pytest.raises(ValidationError, match="already uses this official abbreviation"):
        org.full_clean()


def test_organisations_without_an_abbreviation_are_not_a_clash() -> None:
    OrganisationFactory(abbreviation="")
    OrganisationFactory(abbreviation="")
    assert Organisation.objects.filter(abbreviation="").count() == 2
