"""Change of the execution place (CCL Art 27 ¶2): on approval the deciding organ and the new
place's CCI are told and the new CCI joins the case to receive the person, but only the record's
own CCI executes until then; when the new CCI's officer receives the person, the record and the
case move to it: the former CCI's officer no longer sees the case (404), the new one acts; the
procuratorate and public security of the new place get the documents."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from cases.jurisdiction import Capacity
from kernel.accounts.roles import OrganisationType, Role
from kernel.notices.models import Notice
from supervision.guarantee.acts import (
    CUSTODY_NOTICE_RECORD,
    EXECUTION_PLACE_RECEIVE,
    MOVEMENT_DECIDE,
    MOVEMENT_REQUEST_RECORD,
)
from supervision.guarantee.models import MovementState
from supervision.models import Supervision
from tests.factories import OrganisationFactory, UserFactory

from .test_guarantee_guarantor_history import SH, UNDER, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
JULY_1 = dt.datetime(2026, 7, 1, 10, tzinfo=SH)
JULY_6 = dt.datetime(2026, 7, 6, 10, tzinfo=SH)
CUSTODY = {
    "organ": "滨江区公安分局",
    "measure": "detention",
    "measure_details": "行政拘留五日",
    "taken_on": dt.date(2026, 7, 5),
    "notified_on": dt.date(2026, 7, 6),
}


@pytest.fixture
def new_place():
    region = "330108"
    cci = OrganisationFactory(
        name="滨江区社区矫正机构", type=OrganisationType.COMMUNITY_CORRECTION, region_code=region
    )
    procuratorate = OrganisationFactory(
        name="滨江区检察院", type=OrganisationType.PROCURATORATE, region_code=region
    )
    public_security = OrganisationFactory(
        name="滨江区公安分局", type=OrganisationType.COUNTY_PUBLIC_SECURITY, region_code=region
    )
    officer = UserFactory(
        username="binjiang_officer", organisation=cci, roles=[Role.CORRECTION_OFFICER]
    )
    procurator = UserFactory(
        username="binjiang_procurator", organisation=procuratorate, roles=[Role.PROCURATOR]
    )
    return cci, officer, procurator, public_security


def approved_change(world, case, cci):
    request = run(
        MOVEMENT_REQUEST_RECORD,
        world,
        case,
        at=JULY_1,
        kind="change_place",
        requested_on=JULY_1.date(),
        reason="随子女迁居滨江区",
        new_residence="杭州市滨江区长河街道1号",
        new_cci=cci,
    )
    return run(
        MOVEMENT_DECIDE, world, case, at=JULY_1, request=request.pk, approve=True, reasons="属实"
    )


def test_approval_tells_the_deciding_organ_and_the_new_cci_which_cannot_act_yet(
    world, supervised, new_place
) -> None:
    cci, officer, _procurator, _ps = new_place
    approved_change(world, supervised, cci)
    assert supervised.participants.filter(
        organisation=cci, capacity=Capacity.EXECUTING_CCI
    ).exists()
    assert Notice.objects.filter(recipient=officer, subject__contains="execution place").exists()
    assert Notice.objects.filter(
        recipient=world.approver, subject__contains="execution place"
    ).exists()
    with pytest.raises(PermissionDenied):
        run(CUSTODY_NOTICE_RECORD, world, supervised, at=JULY_6, actor=officer, **CUSTODY)
    # The record's own CCI still executes until the person is received.
    run(CUSTODY_NOTICE_RECORD, world, supervised, at=JULY_6, **CUSTODY)


def test_only_the_new_places_officer_receives(world, supervised, new_place) -> None:
    cci, _officer, _procurator, _ps = new_place
    request = approved_change(world, supervised, cci)
    with pytest.raises(PermissionDenied):
        run(EXECUTION_PLACE_RECEIVE, world, supervised, at=JULY_6, request=request.pk)


def test_the_reception_moves_the_record_to_the_new_cci(world, supervised, new_place) -> None:
    cci, officer, procurator, public_security = new_place
    old_cci = world.officer.organisation
    request = approved_change(world, supervised, cci)
    received = run(
        EXECUTION_PLACE_RECEIVE, world, supervised, at=JULY_6, actor=officer, request=request.pk
    )
    assert received.state == MovementState.TRANSFERRED and received.previous_cci == old_cci
    record = Supervision.objects.get(case=supervised)
    assert record.executing_cci == cci
    executing = supervised.participants.filter(capacity=Capacity.EXECUTING_CCI)
    assert [p.organisation for p in executing] == [cci]
    assert Notice.objects.filter(recipient=procurator).exists()
    assert Notice.objects.filter(recipient_organisation=public_security).exists()
    # The former CCI's officer no longer finds the case; the new one acts.
    old = world.client_for(world.officer)
    with time_machine.travel(JULY_6, tick=False):
        assert old.get(f"/supervision/cases/{supervised.pk}/community/").status_code == 404
        data = {"expected_state": UNDER, **CUSTODY}
        url = f"/supervision/cases/{supervised.pk}/community/guarantee/custody/"
        assert old.post(url, data).status_code == 404
        new = world.client_for(officer)
        assert new.get(f"/supervision/cases/{supervised.pk}/community/").status_code == 200
        assert new.post(url, data).status_code == 302
    assert record.custody_notices.get().recorded_by == officer
