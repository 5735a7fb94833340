"""The acts from the decision to community correction are declared once and taken by the one
runner (issue 10 items 1-2): each has its API body (file uploads as file fields), the named
service functions are thin calls of it, and the release page offers what the declarations
allow."""

from __future__ import annotations

import inspect

import pytest

from cases.acts.registry import ACTS
from cases.acts.runner import act_allowed
from supervision import acts, services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]

#: Each act, by the named service function that takes it.
NAMED = {
    "release_prepare": acts.RELEASE_PREPARE,
    "release_record_save": acts.RELEASE_RECORD_SAVE,
    "release": acts.RELEASE,
    "emergency_announcement_record": acts.EMERGENCY_ANNOUNCEMENT_RECORD,
    "hand_over_record": acts.HAND_OVER_RECORD,
    "public_security_hand_over_record": acts.PUBLIC_SECURITY_HAND_OVER_RECORD,
    "reception_register": acts.RECEPTION_REGISTER,
}


def test_every_release_act_is_registered_under_its_service_name() -> None:
    for name, act in NAMED.items():
        assert act.name == name
        assert ACTS[name] is act
        assert act.params is not None and act.example is not None


def test_each_act_body_is_its_named_functions_input() -> None:
    for name, act in NAMED.items():
        keywords = set(inspect.signature(getattr(services, name)).parameters)
        keywords -= {"case_id", "actor", "expected_state"}
        fields = set(act.params().fields)  # type: ignore[misc]
        if name == "release_record_save":
            # The page hands over the preparation's fields as one `data` dict.
            keywords = (keywords - {"data"}) | set(acts.RELEASE_FIELDS)
        assert fields == keywords, name


def test_the_signed_scans_are_file_fields() -> None:
    from rest_framework import serializers

    assert isinstance(
        acts.RELEASE_RECORD_SAVE.params().fields["obligations_notice"],  # type: ignore[misc]
        serializers.FileField,
    )
    for act in (acts.HAND_OVER_RECORD, acts.PUBLIC_SECURITY_HAND_OVER_RECORD):
        assert isinstance(act.params().fields["signed_record"], serializers.FileField)  # type: ignore[misc]


def test_no_private_step_runner_is_left() -> None:
    assert not hasattr(services, "_fire")


def test_the_release_page_offers_the_clerk_what_the_declarations_allow(world, received) -> None:
    page = world.client_for(world.clerk_a).get(f"/supervision/cases/{received.pk}/release/")
    assert page.context["may_prepare"] is act_allowed(acts.RELEASE_PREPARE, world.clerk_a, received)
    assert page.context["may_prepare"] is True
    assert page.context["may_receive"] is False
    officer = world.client_for(world.officer).get(f"/supervision/cases/{received.pk}/release/")
    assert officer.context["may_prepare"] is False
    assert 'id="start-release"' not in officer.content.decode()
