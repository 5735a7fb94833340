"""The section on the community page: the officer sees the guarantor and the acts' forms; the
institution's clerk sees the section without forms and is refused a POST (403); another
province's officer does not find the case (404); a refused act draws the page again (400)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from kernel.accounts.roles import OrganisationType, Role
from supervision.guarantee.models import GuarantorTerm
from tests.factories import OrganisationFactory, UserFactory

from .test_guarantee_guarantor_history import SH, UNDER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
NOW = dt.datetime(2026, 7, 1, 10, tzinfo=SH)


def _page(client, case):
    with time_machine.travel(NOW, tick=False):
        return client.get(f"/supervision/cases/{case.pk}/community/")


def _post(client, case, key, data):
    with time_machine.travel(NOW, tick=False):
        return client.post(f"/supervision/cases/{case.pk}/community/guarantee/{key}/", data)


def test_the_officer_sees_the_guarantor_and_the_forms(world, supervised) -> None:
    page = _page(world.client_for(world.officer), supervised).content.decode()
    assert 'id="section-guarantee"' in page and 'id="guarantee-current"' in page
    assert "张父" in page
    for key in ("contact", "report", "term_end", "request", "lost", "custody"):
        assert f'id="submit-guarantee_{key}"' in page


def test_the_clerk_sees_no_forms_and_is_refused(world, supervised) -> None:
    clerk = world.client_for(world.clerk_a)
    page = _page(clerk, supervised).content.decode()
    assert 'id="section-guarantee"' in page and 'id="submit-guarantee_' not in page
    response = _post(
        clerk, supervised, "contact", {"expected_state": UNDER, "phone": "13812345678"}
    )
    assert response.status_code == 403


def test_another_provinces_officer_gets_404(world, supervised) -> None:
    elsewhere = OrganisationFactory(
        name="朝阳区社区矫正机构", type=OrganisationType.COMMUNITY_CORRECTION, region_code="110105"
    )
    stranger = UserFactory(
        username="bj_officer3", organisation=elsewhere, roles=[Role.CORRECTION_OFFICER]
    )
    client = world.client_for(stranger)
    assert _page(client, supervised).status_code == 404
    response = _post(
        client, supervised, "contact", {"expected_state": UNDER, "phone": "13812345678"}
    )
    assert response.status_code == 404


def test_the_phone_recorded_from_the_page_and_a_bad_one_is_400(world, supervised) -> None:
    client = world.client_for(world.officer)
    bad = _post(client, supervised, "contact", {"expected_state": UNDER, "phone": "12345"})
    assert bad.status_code == 400 and 'id="section-guarantee"' in bad.content.decode()
    good = _post(client, supervised, "contact", {"expected_state": UNDER, "phone": "13812345678"})
    assert good.status_code == 302
    assert GuarantorTerm.objects.get().contact.phone == "13812345678"
