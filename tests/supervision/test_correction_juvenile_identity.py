"""A juvenile under supervision is handled separately and confidentially (CCL Arts 52-58): the
plan's adoption marks the person juvenile from the date of birth, and the mark stays after 18
(Art 58); the name and identity number are shown only to the executing CCI's staff and the
judicial organs (Art 54), not to the prison that released the person nor to another province."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from kernel.accounts.roles import OrganisationType, Role
from supervision.correction.confidentiality import identity_visible, person_name_for
from supervision.models import Supervision
from tests.factories import OrganisationFactory, UserFactory

from .test_correction_team_rules import APRIL_2, member_add, plan_adopt, team_with_guarantor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _make_juvenile(case) -> None:
    case.offender.date_of_birth = dt.date(2009, 1, 1)
    case.offender.save(update_fields=["date_of_birth"])


def _stranger(org_type, region_code, role, username):
    org = OrganisationFactory(name=f"外省{username}", type=org_type, region_code=region_code)
    return UserFactory(username=username, organisation=org, roles=[role])


def test_the_plan_marks_a_juvenile_who_stays_one_after_18(world, supervised) -> None:
    _make_juvenile(supervised)
    team_with_guarantor(world, supervised)
    member_add(world, supervised, name="张母", role="guardian", sex="F")
    plan_adopt(world, supervised)
    record = Supervision.objects.get(case=supervised)
    assert record.juvenile is True
    with time_machine.travel(dt.datetime(2027, 6, 1, tzinfo=APRIL_2.tzinfo), tick=False):
        assert not identity_visible(world.clerk_a, record)  # 18 by now: still confidential


def test_an_adult_is_not_marked_juvenile(world, supervised) -> None:
    team_with_guarantor(world, supervised)
    plan_adopt(world, supervised)
    record = Supervision.objects.get(case=supervised)
    assert record.juvenile is False
    assert identity_visible(world.clerk_a, record)


def test_a_juveniles_identity_is_shown_to_the_cci_and_judicial_organs_only(
    world, supervised
) -> None:
    _make_juvenile(supervised)
    record = Supervision.objects.get(case=supervised)
    with time_machine.travel(APRIL_2, tick=False):
        assert identity_visible(world.officer, record)
        assert identity_visible(world.procurator_prov, record)
        assert identity_visible(world.judge, record)
        assert not identity_visible(world.clerk_a, record)
        assert not identity_visible(world.approver, record)
        assert not identity_visible(
            _stranger(OrganisationType.PROCURATORATE, "110105", Role.PROCURATOR, "bj_proc"),
            record,
        )
        assert not identity_visible(
            _stranger(
                OrganisationType.COMMUNITY_CORRECTION, "110105", Role.CORRECTION_OFFICER, "bj_o"
            ),
            record,
        )
        assert person_name_for(world.clerk_a, record) == "Juvenile (identity confidential)"
        assert person_name_for(world.officer, record) == "张三"


def test_the_community_page_hides_a_juveniles_name_from_a_prison_clerk(world, supervised) -> None:
    _make_juvenile(supervised)
    with time_machine.travel(APRIL_2, tick=False):
        clerk = world.client_for(world.clerk_a).get(
            f"/supervision/cases/{supervised.pk}/community/"
        )
        officer = world.client_for(world.officer).get(
            f"/supervision/cases/{supervised.pk}/community/"
        )
    assert clerk.status_code == 200
    clerk_page = clerk.content.decode()
    assert "张三" not in clerk_page and supervised.offender.id_number not in clerk_page
    with translation.override(settings.LANGUAGE_CODE):  # the page is in the site's language
        masked = gettext("Juvenile (identity confidential)")
    assert masked in clerk_page
    officer_page = officer.content.decode()
    assert "张三" in officer_page and supervised.offender.id_number in officer_page
