"""On the court path too, the county judicial administration the court entrusts sees the
request and files its opinion itself within its clock (CCL Art 18; legal-spec T-A03, D-27;
issue 13, "Every organ the law addresses")."""

from __future__ import annotations

import datetime as dt

import pytest

from approvals.court import court_investigation_report
from cases.models import CaseState
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from tests.approvals.test_court_investigation import REQUEST, _entrust
from tests.approvals.test_court_path import Court, _assessed, court_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def cw(world) -> Court:
    return court_world(world)


def test_the_court_entrusted_administration_sees_files_and_meets_its_clock(world, cw) -> None:
    case = _assessed(world, cw)
    _entrust(cw, case, world.cja)  # entrusted on Wednesday 4 March 2026
    clock = Deadline.objects.get(kind="D-27", subject_id=case.pk)
    assert clock.responsible_organisation == world.cja
    # Ten working days, the day of the entrustment not counted: Wednesday 18 March.
    assert clock.due_date == dt.date(2026, 3, 18)
    assert Notice.objects.filter(
        recipient=world.cja_head, link=f"/approvals/court/cases/{case.pk}/investigation/"
    ).exists()
    head = world.client_for(world.cja_head)
    assert cw.defendant.name in head.get("/approvals/court/investigations/").content.decode()
    screen = head.get(f"/approvals/court/cases/{case.pk}/investigation/")
    assert screen.status_code == 200 and REQUEST in screen.content.decode()
    investigation = court_investigation_report(
        case_id=case.pk,
        actor=world.cja_head,
        opinion="经调查评估，被告人无社会危险性。",
        opinion_on=dt.date(2026, 3, 10),
    )
    assert investigation.opinion_recorded_by == world.cja_head
    clock.refresh_from_db()
    assert clock.status == DeadlineStatus.MET
    case.refresh_from_db()
    assert case.state in (CaseState.ASSESSMENT, CaseState.ASSESSED)


def test_a_head_of_another_administration_sees_nothing(world, cw) -> None:
    from kernel.accounts.roles import Level, OrganisationType, Role
    from tests.factories import OrganisationFactory, UserFactory

    case = _assessed(world, cw)
    _entrust(cw, case, world.cja)
    other = OrganisationFactory(
        type=OrganisationType.JUDICIAL_ADMINISTRATION, level=Level.COUNTY, region_code="330105"
    )
    head = world.client_for(
        UserFactory(organisation=other, roles=[Role.JUDICIAL_ADMIN_HEAD], username="cja_other")
    )
    assert cw.defendant.name not in head.get("/approvals/court/investigations/").content.decode()
    assert head.get(f"/approvals/court/cases/{case.pk}/investigation/").status_code == 404
