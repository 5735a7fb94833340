"""The guarantor's history (P2014 Arts 10-12; SPC-Interp Art 516(7); D-30): the guarantor
confirmed before the release is the first; recording the phone makes the active contact; losing
the conditions ends the term and opens D-30, the person and the officer told; a new guarantor is
examined against each of Art 11's four conditions and a refusal names the item that fails;
accepted with the letter filed, they become the active contact and D-30 is met."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from cases.acts.runner import act_run
from cases.models import CaseState
from kernel.deadlines.models import DeadlineStatus
from kernel.deadlines.selectors import deadlines_of
from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.guarantee.acts import (
    GUARANTOR_ACCEPT,
    GUARANTOR_CONTACT_RECORD,
    GUARANTOR_PROPOSE,
    GUARANTOR_TERM_END,
)
from supervision.guarantee.models import GuarantorTerm, TermState
from supervision.models import ContactRole, SupervisionContact

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
JULY = dt.datetime(2026, 7, 1, 10, tzinfo=SH)
AUGUST = dt.datetime(2026, 8, 3, 10, tzinfo=SH)
UNDER = CaseState.UNDER_SUPERVISION


def run(act, world, case, at=JULY, actor=None, **params):
    with time_machine.travel(at, tick=False):
        return act_run(
            act, case_id=case.pk, actor=actor or world.officer, expected_state=UNDER, **params
        )


def end_term(world, case, at=AUGUST, on=dt.date(2026, 8, 1)):
    return run(
        GUARANTOR_TERM_END,
        world,
        case,
        at=at,
        reason="lost_conditions",
        ended_on=on,
        details="保证人因脑卒中丧失民事行为能力",
    )


def propose(world, case, at=AUGUST, **conditions):
    params = {
        "name": "张妹",
        "id_number": "330106198001010022",
        "relationship": "妹妹",
        "proposed_by": "relative",
        "full_capacity_and_willing": True,
        "freedom_not_restricted": True,
        "fixed_residence_and_income": True,
        "lives_with_or_nearby": True,
        "examined_on": at.date(),
        **conditions,
    }
    return run(GUARANTOR_PROPOSE, world, case, at=at, **params)


def accept(world, case, term, at=AUGUST):
    return run(
        GUARANTOR_ACCEPT,
        world,
        case,
        at=at,
        term=term.pk,
        letter_filed_on=at.date(),
        phone="13912345678",
    )


def test_recording_the_phone_starts_the_history_with_the_guarantor_signed_at_release(
    world, supervised
) -> None:
    term = run(GUARANTOR_CONTACT_RECORD, world, supervised, phone="13812345678")
    assert term.state == TermState.ACTIVE and term.name == "张父"
    assert term.signed_at_release is not None
    contact = SupervisionContact.objects.get(role=ContactRole.GUARANTOR, active=True)
    assert (contact.name, contact.phone) == ("张父", "13812345678")
    # A second number for the same guarantor updates the one contact.
    run(GUARANTOR_CONTACT_RECORD, world, supervised, phone="13800000000")
    assert SupervisionContact.objects.filter(role=ContactRole.GUARANTOR).count() == 1
    assert GuarantorTerm.objects.count() == 1


def test_losing_the_conditions_ends_the_term_and_opens_d30(world, supervised) -> None:
    run(GUARANTOR_CONTACT_RECORD, world, supervised, phone="13812345678")
    term = end_term(world, supervised)
    assert term.state == TermState.ENDED and term.end_reason == "lost_conditions"
    assert not SupervisionContact.objects.filter(role=ContactRole.GUARANTOR, active=True).exists()
    (clock,) = deadlines_of(supervised, kinds=["D-30"])
    assert clock.legal_basis == "SPC-Interp Art 516(7)"
    # 15 calendar days (the default setting): Sunday 16 August rolls over to Monday.
    assert clock.due_date == dt.date(2026, 8, 17)
    assert Notice.objects.filter(recipient=world.officer, subject__contains="guarantor").exists()


def test_without_a_recorded_phone_the_release_guarantor_is_ended_all_the_same(
    world, supervised
) -> None:
    term = end_term(world, supervised)
    assert term.signed_at_release is not None and term.state == TermState.ENDED


def test_a_new_guarantor_is_not_proposed_while_the_current_one_serves(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as exc:
        propose(world, supervised)
    assert {r.article for r in exc.value.requirements} == {"SPC-Interp Art 516(7)"}


def test_a_guarantor_failing_an_article_11_condition_is_refused_naming_the_item(
    world, supervised
) -> None:
    end_term(world, supervised)
    term = propose(world, supervised, fixed_residence_and_income=False, lives_with_or_nearby=False)
    assert term.failing_conditions == ["P2014 Art 11(3)", "P2014 Art 11(4)"]
    with pytest.raises(TransitionRefused) as exc:
        accept(world, supervised, term)
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 11(3)", "P2014 Art 11(4)"}
    term.refresh_from_db()
    assert term.state == TermState.PROPOSED
    (clock,) = deadlines_of(supervised, kinds=["D-30"])
    assert clock.status == DeadlineStatus.OPEN


def test_the_accepted_guarantor_is_the_active_contact_and_d30_is_met(world, supervised) -> None:
    run(GUARANTOR_CONTACT_RECORD, world, supervised, phone="13812345678")
    end_term(world, supervised)
    term = accept(world, supervised, propose(world, supervised))
    assert term.state == TermState.ACTIVE and term.letter_filed_on == AUGUST.date()
    (clock,) = deadlines_of(supervised, kinds=["D-30"])
    assert clock.status == DeadlineStatus.MET
    contacts = SupervisionContact.objects.filter(role=ContactRole.GUARANTOR)
    assert [(c.name, c.active) for c in contacts.order_by("created_at")] == [
        ("张父", False),
        ("张妹", True),
    ]
    assert [t.state for t in GuarantorTerm.objects.order_by("id")] == [
        TermState.ENDED,
        TermState.ACTIVE,
    ]
