"""What a clerk enters is plausible (issue 14), on the page and through the API alike: no record
of something done dated after today in China, dates in their order, the application before the
opening, a publicity of at least five days (legal-spec E-17), a deliberation with its quorum
(MOJ 2016 Art 3) and real region codes. Every refusal is in the page's error summary, names
its rule, and leaves the case as it was."""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cases.models import (
    Deliberation,
    InvestigationEntrustment,
    Objection,
    ProcuratorateCopy,
    Publicity,
    ResidenceVerification,
)
from cases.plausibility import record_problems
from cases.rules import PUBLICITY_MINIMUM_DAYS
from cases.services.workflow import case_record_save
from cases.workflow_forms import CaseOpenForm
from kernel.bounds import PAST_EVENT, region_code_exists
from kernel.regions import region_code_level
from tests.cases.steps import advance, to_assessed, to_assessment, to_deliberated, to_ready

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SH = ZoneInfo("Asia/Shanghai")
#: 10 April 2026, 09:00 in China: every test's "today".
TODAY = dt.date(2026, 4, 10)
TOMORROW = TODAY + dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 4, 10, 9, tzinfo=SH), tick=False):
        yield


def _summary(response) -> str:
    """The text of the page's error summary (announced and focused at the top)."""
    body = response.content.decode()
    match = re.search(r'<div class="error-summary".*?</div>', body, re.S)
    assert match, "the page has no error summary"
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(0)))


def _web(world, case, kind: str, data: dict[str, str]):
    return world.client_for(world.clerk_a).post(
        f"/cases/{case.pk}/records/{kind}/",
        {f"{kind}-{k}": v for k, v in data.items()},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _api(world, case, act: str, data: dict[str, object]):
    case.refresh_from_db()
    return world.client_for(world.clerk_a).post(
        f"/api/v1/cases/{case.pk}/acts/{act}/",
        {"expected_state": case.state, **data},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _unchanged(case, state: str) -> None:
    case.refresh_from_db()
    assert case.state == state


# Nothing done is dated after today in China.


def test_today_in_china_is_the_last_day_a_record_of_something_done_may_carry() -> None:
    PAST_EVENT(TODAY)
    with pytest.raises(ValidationError, match="already happened"):
        PAST_EVENT(TOMORROW)
    # 23:30 in UTC on the 9th is already the 10th in China: the 10th is today, not tomorrow.
    with time_machine.travel(dt.datetime(2026, 4, 9, 23, 30, tzinfo=dt.UTC), tick=False):
        PAST_EVENT(TODAY)


def test_a_copy_to_the_procuratorate_dated_tomorrow_is_refused_on_the_page_and_in_the_api(
    world,
) -> None:
    case = world.case_a
    to_assessment(world, case)
    copy = {"stage": "materials", "procuratorate": str(world.proc_a.pk)}
    page = _web(world, case, "procuratorate-copy", {**copy, "sent_on": TOMORROW.isoformat()})
    assert page.status_code == 400
    assert "has already happened" in _summary(page)
    api = _api(world, case, "record_procuratorate_copy", {**copy, "sent_on": str(TOMORROW)})
    assert api.status_code == 400
    assert "already happened" in api.content.decode()
    assert not case.procuratorate_copies.filter(stage="materials").exists()
    _unchanged(case, "assessment")


def test_a_record_of_the_investigation_dated_tomorrow_is_refused_by_the_service(world) -> None:
    case = world.case_a
    to_assessed(world, case)
    advance(world, case, "prepare")
    with pytest.raises(ValidationError, match="already happened"):
        case_record_save(
            case_id=case.pk,
            actor=world.clerk_a,
            record=InvestigationEntrustment(entrusted_to=world.cja, entrusted_on=TOMORROW),
        )
    assert not case.investigations.exists()


# Received never before sent; an examination never before its receipt.


def test_the_investigation_opinion_cannot_be_received_before_it_was_entrusted(world) -> None:
    case = world.case_a
    to_assessed(world, case)
    advance(world, case, "prepare")
    data = {
        "entrusted_to": str(world.cja.pk),
        "entrusted_on": "2026-03-20",
        "opinion_received_on": "2026-03-12",
        "opinion": "居住地具备监管条件",
    }
    page = _web(world, case, "investigation", data)
    assert page.status_code == 400
    assert "cannot be received before the investigation was entrusted" in _summary(page)
    api = _api(world, case, "record_investigation_entrustment", data)
    assert api.status_code == 400
    assert "cannot be received before" in api.content.decode()
    assert not case.investigations.exists()
    _unchanged(case, "preparation")


def test_every_pair_of_dates_keeps_its_order() -> None:
    copy = ProcuratorateCopy(sent_on=dt.date(2026, 3, 5), received_on=dt.date(2026, 3, 4))
    assert "received_on" in record_problems(copy)
    objection = Objection(received_on=dt.date(2026, 3, 5), examined_on=dt.date(2026, 3, 4))
    assert "examined_on" in record_problems(objection)
    investigation = InvestigationEntrustment(
        entrusted_on=dt.date(2026, 3, 5),
        investigated_from=dt.date(2026, 3, 8),
        investigated_to=dt.date(2026, 3, 7),
    )
    assert "investigated_to" in record_problems(investigation)
    same_day = ProcuratorateCopy(sent_on=dt.date(2026, 3, 5), received_on=dt.date(2026, 3, 5))
    assert record_problems(same_day) == {}


# The application precedes the opening it leads to.


def test_an_application_dated_after_the_opening_is_refused_on_the_page_and_in_the_api(
    world,
) -> None:
    case = world.case_a  # opened on 2 March 2026
    data = {"applicant_name": "张秀英", "relationship": "relative", "applied_on": "2026-03-05"}
    page = _web(world, case, "application", data)
    assert page.status_code == 400
    summary = _summary(page)
    assert "cannot be dated after the case was opened" in summary
    assert "P2014 Art 8 ¶1" in summary
    api = _api(world, case, "record_written_application", data)
    assert api.status_code == 400
    assert "P2014 Art 8 ¶1" in api.content.decode()
    assert not case.applications.exists()
    _unchanged(case, "initiated")
    # The day of the opening itself is fine.
    ok = _api(world, case, "record_written_application", {**data, "applied_on": "2026-03-02"})
    assert ok.status_code in (200, 201), ok.content


def test_the_opening_form_refuses_an_application_dated_after_the_opening() -> None:
    form = CaseOpenForm(
        {
            "ground_medical": "on",
            "opened_on": "2026-03-02",
            "has_application": "on",
            "applicant_name": "张秀英",
            "relationship": "relative",
            "applied_on": "2026-03-03",
        }
    )
    assert not form.is_valid()
    assert "P2014 Art 8 ¶1" in str(form.errors["applied_on"])


def test_a_case_cannot_be_opened_tomorrow() -> None:
    form = CaseOpenForm({"ground_medical": "on", "opened_on": TOMORROW.isoformat()})
    assert not form.is_valid()
    assert "already happened" in str(form.errors["opened_on"])


# The publicity lasts at least five days (legal-spec E-17).


def test_a_publicity_shorter_than_five_days_is_refused_on_the_page_and_in_the_api(world) -> None:
    case = world.case_a
    to_deliberated(world, case)
    data = {"starts_on": "2026-03-11", "ends_on": "2026-03-14", "place": "监区公告栏"}
    page = _web(world, case, "publicity", data)
    assert page.status_code == 400
    summary = _summary(page)
    assert f"at least {PUBLICITY_MINIMUM_DAYS} days" in summary
    assert "P2014 Art 13 ¶1" in summary and "five days of the court's publicity" in summary
    assert "2026-03-15" in summary  # the first end the rule accepts
    api = _api(world, case, "record_publicity", data)
    assert api.status_code == 400
    assert "P2014 Art 13 ¶1" in api.content.decode()
    assert not case.publicities.exists()
    _unchanged(case, "deliberated")
    ok = _api(world, case, "record_publicity", {**data, "ends_on": "2026-03-15"})
    assert ok.status_code in (200, 201), ok.content


def test_a_publicity_that_ends_before_it_starts_is_refused_once() -> None:
    problems = record_problems(
        Publicity(starts_on=dt.date(2026, 3, 11), ends_on=dt.date(2026, 3, 10), place="x")
    )
    assert problems == {"ends_on": ["The publicity cannot end before it starts."]}


# The deliberation's quorum is refused at the form, with the step's own words.


def test_a_deliberation_below_quorum_is_refused_at_the_form_with_the_steps_own_rule(
    world,
) -> None:
    case = world.case_a
    to_ready(world, case)
    data = {
        "held_on": "2026-03-10",
        "members_present": "7",
        "chaired_by": "陈监狱长",
        "propose": "on",
        "reasons": "符合保外就医条件",
    }
    page = _web(world, case, "deliberation", data)
    assert page.status_code == 400
    summary = _summary(page)
    assert "The review committee needs at least 9 members present." in summary
    assert "MOJ 2016 Art 3" in summary
    api = _api(world, case, "record_deliberation", {**data, "propose": True, "members_present": 7})
    assert api.status_code == 400
    assert "MOJ 2016 Art 3" in api.content.decode()
    assert not case.deliberations.exists()
    _unchanged(case, "ready_for_deliberation")
    with pytest.raises(ValidationError, match="MOJ 2016 Art 3"):
        case_record_save(
            case_id=case.pk,
            actor=world.clerk_a,
            record=Deliberation(
                held_on=dt.date(2026, 3, 10),
                members_present=8,
                chaired_by="x",
                propose=False,
                reasons="y",
            ),
        )


# Region codes name real places.


@pytest.mark.parametrize(
    ("code", "level"),
    [("330000", "province"), ("330100", "prefecture"), ("330106", "county"), ("429004", "county")],
)
def test_a_region_code_of_a_real_structure_is_accepted(code: str, level: str) -> None:
    region_code_exists(code)
    assert region_code_level(code) == level


@pytest.mark.parametrize("code", ["990106", "000000", "330006", "33010", "33010a", "３３０１０６"])
def test_a_region_code_that_names_nothing_is_refused(code: str) -> None:
    with pytest.raises(ValidationError):
        region_code_exists(code)


def test_a_residence_verified_under_an_unknown_province_is_refused_on_the_page_and_in_the_api(
    world,
) -> None:
    case = world.case_a
    to_assessed(world, case)
    advance(world, case, "prepare")
    data = {
        "address": "杭州市西湖区北山街道1号",
        "region_code": "990106",
        "verified_on": "2026-03-06",
        "method": "派员实地核实",
    }
    page = _web(world, case, "residence", data)
    assert page.status_code == 400
    assert "first two digits name no province" in _summary(page)
    api = _api(world, case, "record_residence_verification", data)
    assert api.status_code == 400
    assert "GB/T 2260" in api.content.decode()
    assert not ResidenceVerification.objects.filter(case=case).exists()


def test_an_offender_registered_with_an_impossible_residence_code_is_refused() -> None:
    from cases.forms import OffenderForm

    form = OffenderForm(
        {"name": "王五", "residence_address": "某地", "residence_region_code": "330012"}
    )
    assert not form.is_valid()
    assert "GB/T 2260" in str(form.errors["residence_region_code"])


def test_the_examination_form_shows_a_problem_of_a_field_it_does_not_show_for_the_record() -> None:
    from cases.workflow_forms import ObjectionExaminationForm

    received = Objection(received_on=dt.date(2026, 3, 12), objector="罪犯刘某", content="x")
    early = ObjectionExaminationForm(
        {"examined_on": "2026-03-11", "established": "no", "finding": "不成立"}, instance=received
    )
    assert not early.is_valid()
    assert "cannot be examined before it was received" in str(early.errors["examined_on"])
    # A stored receipt dated after today is the record's problem (the form has no such field).
    stale = Objection(received_on=TOMORROW, objector="罪犯刘某", content="x")
    form = ObjectionExaminationForm(
        {"examined_on": "2026-04-10", "established": "no", "finding": "不成立"}, instance=stale
    )
    assert not form.is_valid()
    assert "already happened" in str(form.non_field_errors())
