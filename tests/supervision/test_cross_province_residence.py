"""A residence in another province (P2014 Art 20; legal-spec T-B11c, T-B11d): the deciding
organ notifies that province, which designates the institution holding the file; both
institutions are on the case and the release waits for the designation."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approvals.services import cross_province_notify, fileholder_designate
from cases.jurisdiction import Capacity
from cases.models import CaseState, Offender
from cases.selectors import case_get_for_user
from cases.services.workflow import TransitionRefused
from kernel.accounts.roles import Level, OrganisationType, Role
from kernel.notices.models import Notice
from supervision.services import custodial_institution, release_prepare
from tests.factories import OrganisationFactory, UserFactory

from .conftest import decide, receive

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def beijing(world):
    pab = OrganisationFactory(
        name="北京市监狱管理局",
        type=OrganisationType.PRISON_ADMINISTRATION,
        level=Level.PROVINCE,
        region_code="110000",
    )
    prison = OrganisationFactory(
        name="北京市第二监狱", type=OrganisationType.PRISON, parent=pab, region_code="110100"
    )
    cci = OrganisationFactory(
        name="朝阳区社区矫正机构",
        type=OrganisationType.COMMUNITY_CORRECTION,
        level=Level.COUNTY,
        region_code="110105",
    )
    approver = UserFactory(username="bj_approver", organisation=pab, roles=[Role.APPROVER])
    officer = UserFactory(username="bj_officer", organisation=cci, roles=[Role.CORRECTION_OFFICER])
    return {"pab": pab, "prison": prison, "cci": cci, "approver": approver, "officer": officer}


@pytest.fixture
def cross_province_case(world, proposed, beijing):
    Offender.objects.filter(pk=proposed.offender_id).update(
        residence_region_code="110105", residence_address="北京市朝阳区某街道"
    )
    proposed.refresh_from_db()
    decision = decide(world, proposed)
    receive(world, decision)
    proposed.refresh_from_db()
    return proposed


def test_release_waits_for_the_notice_and_the_designation(world, cross_province_case, beijing):
    case = cross_province_case
    assert case.participants.filter(
        organisation=beijing["cci"], capacity=Capacity.EXECUTING_CCI
    ).exists()
    with pytest.raises(TransitionRefused) as exc:
        release_prepare(case_id=case.pk, actor=world.clerk_a, expected_state=CaseState.APPROVED)
    assert [r.article for r in exc.value.requirements] == ["P2014 Art 20"]

    transfer = cross_province_notify(case_id=case.pk, actor=world.approver)
    assert transfer.notified_organ == beijing["pab"]
    assert Notice.objects.filter(recipient=beijing["approver"], subject__contains="designate")
    # The residence province's authority now sees the case; it designates the file holder.
    assert case_get_for_user(user=beijing["approver"], pk=case.pk) == case
    with pytest.raises(TransitionRefused):
        release_prepare(case_id=case.pk, actor=world.clerk_a, expected_state=CaseState.APPROVED)

    fileholder_designate(case_id=case.pk, actor=beijing["approver"], fileholder=beijing["prison"])
    case.refresh_from_db()
    assert custodial_institution(case) == beijing["prison"]
    capacities = set(case.participants.values_list("organisation__name", "capacity"))
    assert ("北京市第二监狱", Capacity.FILEHOLDER) in capacities
    assert ("第一监狱", Capacity.INSTITUTION) in capacities
    assert Notice.objects.filter(recipient=beijing["officer"], subject__contains="holds the file")
    release_prepare(case_id=case.pk, actor=world.clerk_a, expected_state=CaseState.APPROVED)
    case.refresh_from_db()
    assert case.state == CaseState.RELEASE_PREPARATION


def test_only_the_notified_authority_designates_a_holder_of_its_own_province(
    world, cross_province_case, beijing
) -> None:
    case = cross_province_case
    cross_province_notify(case_id=case.pk, actor=world.approver)
    with pytest.raises(PermissionDenied):
        fileholder_designate(case_id=case.pk, actor=world.approver, fileholder=beijing["prison"])
    with pytest.raises(ValidationError, match="own province"):
        fileholder_designate(case_id=case.pk, actor=beijing["approver"], fileholder=world.prison_b)
    with pytest.raises(ValidationError, match="already been notified"):
        cross_province_notify(case_id=case.pk, actor=world.approver)


def test_a_residence_in_the_same_province_needs_no_notice(world, proposed) -> None:
    decide(world, proposed)
    with pytest.raises(ValidationError, match="province of the institution"):
        cross_province_notify(case_id=proposed.pk, actor=world.approver)
