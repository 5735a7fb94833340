"""A lost signing device is replaced only through a system administrator's recorded reset:
within the organisations he manages, never his own, with a written reason, audited, and told to
the signer on every channel; the signer then enrols anew (issue #9 item 1)."""

from __future__ import annotations

import pytest

from kernel.audit.models import AuditEvent
from kernel.notices.models import Channel, Notice
from kernel.signing.models import SecondFactor, SecondFactorReset
from kernel.signing.otp import second_factor_demo_setup

LIST = "/account/second-factors/"
REASON = "手机遗失，本人当面核验身份后申请重置"


def _reset_url(user) -> str:
    return f"/account/second-factors/{user.pk}/reset/"


@pytest.fixture
def factors(world) -> None:
    second_factor_demo_setup([world.approver, world.judge, world.clerk_a, world.sysadmin])


def test_the_reset_is_recorded_audited_and_told_on_every_channel(world, factors) -> None:
    admin = world.client_for(world.sysadmin)
    assert admin.get(_reset_url(world.approver)).status_code == 200
    response = admin.post(_reset_url(world.approver), {"reason": REASON})
    assert response.status_code == 302
    assert not SecondFactor.objects.filter(user=world.approver).exists()

    record = SecondFactorReset.objects.get(user=world.approver)
    assert record.reset_by == world.sysadmin and record.reason == REASON
    assert record.factor_was_confirmed

    event = AuditEvent.objects.get(action="second_factor.admin_reset")
    assert event.actor_id == world.sysadmin.pk
    assert event.object_id == str(world.approver.pk)
    assert event.reason == REASON

    notices = Notice.objects.filter(recipient=world.approver)
    assert {n.channel for n in notices} == {Channel.IN_APP, Channel.EMAIL, Channel.SMS}
    for notice in notices:  # by whom and why, even in the SMS (subject and link only)
        assert world.sysadmin.display_name in notice.subject
        assert REASON in notice.subject
        assert notice.link == "/account/second-factor/"

    # The signer must enrol anew: the page offers to set up, and signing is refused.
    page = world.client_for(world.approver).get("/account/second-factor/").content.decode()
    assert 'value="enrol"' in page
    history = admin.get(_reset_url(world.approver)).content.decode()
    assert REASON in history


def test_a_reset_needs_a_reason(world, factors) -> None:
    response = world.client_for(world.sysadmin).post(_reset_url(world.approver), {"reason": " "})
    assert response.status_code == 400
    assert SecondFactor.objects.filter(user=world.approver).exists()
    assert not AuditEvent.objects.filter(action="second_factor.admin_reset").exists()
    assert not Notice.objects.filter(recipient=world.approver).exists()


@pytest.mark.parametrize("persona", ["approver", "clerk_a", "judge", "procurator_a"])
def test_a_user_without_the_administrator_role_is_refused(world, factors, persona) -> None:
    client = world.client_for(getattr(world, persona))
    assert client.get(LIST).status_code == 403
    assert client.post(_reset_url(world.clerk_a), {"reason": REASON}).status_code == 403
    assert SecondFactor.objects.filter(user=world.clerk_a).exists()


def test_a_user_outside_the_administrators_organisations_does_not_exist_for_him(
    world, factors
) -> None:
    # The provincial prison administration's administrator manages it and its prisons, not
    # the court; the prison's administrator manages the prison, not the administration.
    sysadmin = world.client_for(world.sysadmin)
    assert sysadmin.get(_reset_url(world.judge)).status_code == 404
    assert sysadmin.post(_reset_url(world.judge), {"reason": REASON}).status_code == 404
    prison_admin = world.client_for(world.admin_at_prison_a)
    assert prison_admin.post(_reset_url(world.approver), {"reason": REASON}).status_code == 404
    assert SecondFactor.objects.filter(user__in=[world.judge, world.approver]).count() == 2
    assert prison_admin.post(_reset_url(world.clerk_a), {"reason": REASON}).status_code == 302

    listed = sysadmin.get(LIST).content.decode()
    assert 'data-user="approver"' in listed and 'data-user="clerk_a"' in listed
    assert 'data-user="judge"' not in listed and 'data-user="sysadmin"' not in listed


def test_an_administrator_cannot_reset_his_own_factor(world, factors) -> None:
    own = world.client_for(world.sysadmin).post(_reset_url(world.sysadmin), {"reason": REASON})
    assert own.status_code == 404
    assert SecondFactor.objects.filter(user=world.sysadmin).exists()
