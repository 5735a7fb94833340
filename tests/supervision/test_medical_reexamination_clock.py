"""D-15b, the person's re-examination every three months (P2014 Art 21; the Implementation
Measures as reported): opened at the reception of a medical-parole case, met by the review of
the re-examination and reopened from its date, waived when supervision ends; the person and the
guarantor are reminded by SMS 7 days and 1 day before, each reminder once, whatever the reruns."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest
import time_machine
from django.urls import reverse

from kernel.deadlines.models import Deadline, DeadlineStatus
from supervision.medical.models import ReexaminationReminder
from supervision.medical.tasks import send_reexamination_reminders
from supervision.models import SupervisionContact

from .medical_steps import at, contacts, review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


class RecordingSms:
    """The test SMS backend: keeps what was sent."""

    sent: ClassVar[list[tuple[str, str, str]]] = []

    def send(self, *, phone: str, text: str, key: str) -> None:
        self.sent.append((phone, text, key))


@pytest.fixture
def sms(settings):
    settings.TEOP_SMS_BACKEND = f"{__name__}.RecordingSms"
    RecordingSms.sent = []
    return RecordingSms.sent


def test_reception_of_a_medical_case_opens_d15b(world, supervised) -> None:
    clock = Deadline.objects.get(kind="D-15b")
    assert clock.status == DeadlineStatus.OPEN
    assert clock.due_date == dt.date(2026, 6, 30)
    assert clock.legal_basis == "P2014 Art 21"


def test_a_review_meets_d15b_and_the_next_runs_from_the_re_examination(world, supervised) -> None:
    review(world, supervised, on=dt.date(2026, 6, 20))
    clocks = list(Deadline.objects.filter(kind="D-15b").order_by("pk"))
    assert [c.status for c in clocks] == [DeadlineStatus.MET, DeadlineStatus.OPEN]
    assert clocks[0].met_at.date() == dt.date(2026, 6, 20)
    assert clocks[1].due_date == dt.date(2026, 9, 20)  # three months from the re-examination


def test_reminders_go_once_each_to_the_person_and_the_guarantor(world, supervised, sms) -> None:
    person, _guarantor = contacts(supervised)
    SupervisionContact.objects.create(  # a former guarantor is not reminded
        supervision=person.supervision,
        role="guarantor",
        name="前保证人",
        phone="13700000003",
        active=False,
    )
    with time_machine.travel(at(dt.date(2026, 6, 10)), tick=False):
        assert send_reexamination_reminders() == {"sent": 0, "skipped": 0}
    with time_machine.travel(at(dt.date(2026, 6, 23)), tick=False):
        assert send_reexamination_reminders()["sent"] == 2
        assert send_reexamination_reminders() == {"sent": 0, "skipped": 2}
    with time_machine.travel(at(dt.date(2026, 6, 29)), tick=False):
        assert send_reexamination_reminders()["sent"] == 2
        assert send_reexamination_reminders()["sent"] == 0
    assert sorted(phone for phone, _text, _key in sms) == [
        "13800000001",
        "13800000001",
        "13900000002",
        "13900000002",
    ]
    assert "2026-06-30" in sms[0][1]
    assert sorted(ReexaminationReminder.objects.values_list("days_before", flat=True)) == [
        1,
        1,
        7,
        7,
    ]
    page = world.client_for(world.officer).get(
        reverse("supervision:community", args=[supervised.pk])
    )
    assert 'id="medical-reminders"' in page.content.decode()
    assert "13900000002" in page.content.decode()


def test_the_end_of_supervision_waives_d15b(world, supervised) -> None:
    from supervision.services import death_record

    with time_machine.travel(at(dt.date(2026, 5, 5)), tick=False):
        death_record(
            case_id=supervised.pk,
            actor=world.officer,
            expected_state="under_supervision",
            discovered_on=dt.date(2026, 5, 4),
            cause="肝衰竭",
            reported_by="保证人",
        )
    assert Deadline.objects.get(kind="D-15b").status == DeadlineStatus.WAIVED
