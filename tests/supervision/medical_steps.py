"""Steps shared by the re-examination tests (supervision.medical)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import time_machine

from cases.acts.runner import act_run
from cases.models import CaseState
from supervision.medical.acts import (
    BIRTH_RECORD,
    REEXAMINATION_POSTPONEMENT_DECIDE,
    REEXAMINATION_POSTPONEMENT_REQUEST,
)
from supervision.models import ContactRole, ReviewFinding, Supervision, SupervisionContact
from supervision.services import condition_review

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SH)


def review(world, case, *, on=dt.date(2026, 6, 20), actor=None, **overrides):
    data = {
        "reexamined_on": on,
        "hospital": world.hospital,
        "doctors": "张医生（主任医师）、李医生（副主任医师）",
        "findings": "肝硬化失代偿期，仍需治疗",
        "finding": ReviewFinding.PERSIST,
        **overrides,
    }
    with time_machine.travel(at(on + dt.timedelta(days=2)), tick=False):
        return condition_review(
            case_id=case.pk,
            actor=actor or world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            **data,
        )


def postponement_request(world, case, *, to=dt.date(2026, 7, 20), on=dt.date(2026, 6, 20)):
    with time_machine.travel(at(on), tick=False):
        return act_run(
            REEXAMINATION_POSTPONEMENT_REQUEST,
            case_id=case.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            requested_by="guarantor",
            reason="正在住院化疗，无法按期复查",
            requested_date=to,
        )


def postponement_decide(world, case, postponement, *, approve, on=dt.date(2026, 6, 22), **extra):
    with time_machine.travel(at(on), tick=False):
        return act_run(
            REEXAMINATION_POSTPONEMENT_DECIDE,
            case_id=case.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            postponement=postponement,
            approve=approve,
            reasons="住院证明属实" if approve else "病情稳定，可按期复查",
            **extra,
        )


def birth(world, case, *, born=dt.date(2026, 8, 2), actor=None):
    with time_machine.travel(at(born + dt.timedelta(days=3)), tick=False):
        return act_run(
            BIRTH_RECORD,
            case_id=case.pk,
            actor=actor or world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            child_born_on=born,
            notes="出生医学证明已核验",
        )


def pregnancy(case) -> None:
    """Make the supervised case one granted for pregnancy instead of medical parole."""
    Supervision.objects.filter(case=case).update(ground_medical=False, ground_pregnancy=True)
    type(case).objects.filter(pk=case.pk).update(ground_medical=False, ground_pregnancy=True)
    case.refresh_from_db()


def contacts(case) -> tuple[SupervisionContact, SupervisionContact]:
    record = Supervision.objects.get(case=case)
    person = SupervisionContact.objects.create(
        supervision=record, role=ContactRole.PERSON, name="张三", phone="13800000001"
    )
    guarantor = SupervisionContact.objects.create(
        supervision=record, role=ContactRole.GUARANTOR, name="张某某", phone="13900000002"
    )
    return person, guarantor
