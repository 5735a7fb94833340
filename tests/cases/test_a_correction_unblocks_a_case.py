"""A record entered in error no longer blocks the case once corrected or withdrawn (issue 10
item 4, the regression): the requirements are recomputed from the records in force.

Before the fix a certificate saved with a wrong date and unqualified doctors stayed "the
latest certificate" whatever was entered after it, and the case asked for those doctors'
recusal declarations for good.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cases.models import CaseState, RecusalDeclaration
from cases.rules import missing
from cases.services.corrections import case_record_correct, case_record_withdraw

from .steps import (
    advance,
    assessed_eligible,
    catalogue_item,
    record,
    valid_certificate,
    with_wrong_certificate,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]


def _recusals_asked(case) -> list[str]:
    return [
        str(r.message) for r in missing(case, "record_assessment") if r.article == "P2014 Art 9 ¶3"
    ]


def _declare(world, case, *names: str) -> None:
    for name in names:
        record(
            world,
            case,
            RecusalDeclaration(person_name=name, capacity="医生", declared_on=dt.date(2026, 3, 5)),
        )


def test_wrong_certificate_asks_for_its_doctors_recusals_whatever_is_entered_after(world) -> None:
    case = world.case_a
    with_wrong_certificate(world, case)
    record(world, case, valid_certificate(world))  # the right one, dated 03-05
    _declare(world, case, "李医生", "王医生")
    assert "Record the recusal declaration of 赵医生." in _recusals_asked(case)
    assert "Record the recusal declaration of 钱医生." in _recusals_asked(case)


def test_withdrawing_the_wrong_certificate_unblocks_the_case(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    record(world, case, valid_certificate(world))
    _declare(world, case, "李医生", "王医生")

    case_record_withdraw(
        case_id=case.pk,
        kind="certificate",
        record_id=wrong.pk,
        reason="录入错误：日期和医师填错",
        actor=world.clerk_a,
        expected_state=CaseState.ASSESSMENT,
    )

    assert _recusals_asked(case) == []
    assessed_eligible(case)  # T-B04: the rules run again with the diagnosis in force
    assert advance(world, case, "record_assessment").state == CaseState.ASSESSED


def test_correcting_the_wrong_certificate_unblocks_the_case(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    _declare(world, case, "李医生", "王医生")

    corrected = case_record_correct(
        case_id=case.pk,
        kind="certificate",
        record_id=wrong.pk,
        data={
            "kind": "diagnosis",
            "hospital": world.hospital,
            "issued_on": dt.date(2026, 3, 5),
            "catalogue_item": catalogue_item(),
            "doctor_1": "李医生",
            "doctor_1_title": "chief",
            "doctor_2": "王医生",
            "doctor_2_title": "deputy_chief",
            "vice_president_signed": True,
            "sealed": True,
            "records_attached": True,
        },
        reason="医师姓名和日期录入错误",
        actor=world.clerk_a,
        expected_state=CaseState.ASSESSMENT,
    )

    wrong.refresh_from_db()
    assert wrong.superseded_by == corrected
    assert not wrong.in_force and corrected.in_force
    assert _recusals_asked(case) == []
    assessed_eligible(case)
    assert advance(world, case, "record_assessment").state == CaseState.ASSESSED
