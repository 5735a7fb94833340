"""The three-monthly review of the medical re-examination (P2014 Art 21, D-15; DOC-25): it
meets the clock and opens the next from the review, only medical parole has one, a hospital
not designated on the day is flagged (Art 9), and a finding other than "persist" is fed back
to the deciding organ; "disappeared" names the revocation ground."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import Case, CaseState
from cases.services.workflow import TransitionRefused
from kernel.accounts.roles import OrganisationType, Role
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from supervision.models import ReviewFinding
from supervision.services import condition_review
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
JUNE_25 = dt.datetime(2026, 6, 25, 10, tzinfo=SH)


def _review(world, case, *, actor=None, **overrides):
    data = {
        "reexamined_on": dt.date(2026, 6, 20),
        "hospital": world.hospital,
        "doctors": "张医生（主任医师）",
        "findings": "肝硬化失代偿期，仍需治疗",
        "finding": ReviewFinding.PERSIST,
        **overrides,
    }
    with time_machine.travel(JUNE_25, tick=False):
        return condition_review(
            case_id=case.pk,
            actor=actor or world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            **data,
        )


def test_a_review_meets_d15_and_opens_the_next_from_the_review(world, supervised) -> None:
    review = _review(world, supervised)
    assert review.hospital_designated
    clocks = Deadline.objects.filter(kind="D-15").order_by("pk")
    assert [c.status for c in clocks] == [DeadlineStatus.MET, DeadlineStatus.OPEN]
    assert clocks[1].trigger_at == JUNE_25
    assert clocks[1].due_date == dt.date(2026, 9, 28)  # 25 September: Mid-Autumn holiday
    assert not Notice.objects.filter(subject__contains="feedback on the re-examination")


def test_a_case_without_the_medical_ground_has_no_review(world, supervised) -> None:
    Case.objects.filter(pk=supervised.pk).update(ground_medical=False, ground_self_care=True)
    with pytest.raises(TransitionRefused) as exc:
        _review(world, supervised)
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 21"}


def test_a_hospital_not_designated_on_the_day_is_flagged_not_refused(world, supervised) -> None:
    lapsed = OrganisationFactory(
        name="市第三医院",
        type=OrganisationType.DESIGNATED_HOSPITAL,
        designated_from=dt.date(2020, 1, 1),
        designated_until=dt.date(2026, 5, 31),
    )
    review = _review(world, supervised, hospital=lapsed)
    assert not review.hospital_designated


def test_a_hospital_of_another_province_is_refused(world, supervised) -> None:
    elsewhere = OrganisationFactory(
        name="外省医院",
        type=OrganisationType.DESIGNATED_HOSPITAL,
        designated_from=dt.date(2020, 1, 1),
        region_code="110101",
    )
    with pytest.raises(ValidationError):
        _review(world, supervised, hospital=elsewhere)


def test_circumstances_disappeared_tell_the_deciding_organ(world, supervised) -> None:
    review = _review(world, supervised, finding=ReviewFinding.DISAPPEARED)
    assert review.feedback_to == world.pab
    notice = Notice.objects.get(recipient=world.approver, subject__contains="feedback")
    assert notice.severity == "warning"
    assert "revoking" in notice.body


def test_only_the_executing_institutions_officer_reviews(world, supervised) -> None:
    stranger = UserFactory(
        username="other_officer",
        organisation=OrganisationFactory(
            name="拱墅区社区矫正机构", type=OrganisationType.COMMUNITY_CORRECTION
        ),
        roles=[Role.CORRECTION_OFFICER],
    )
    with pytest.raises(PermissionDenied):
        _review(world, supervised, actor=stranger)
    with pytest.raises(PermissionDenied):
        _review(world, supervised, actor=world.clerk_a)
