"""The demo set shows the procurator an oral rectification opinion whose seven days (D-25) run,
on the lane of a case of the stationed prison."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kernel.accounts.models import User
from procuracy.rectification.models import OpinionForm, RectificationOpinion, RectificationStatus

pytestmark = pytest.mark.django_db


def test_demo_has_an_oral_opinion_running_its_seven_days() -> None:
    call_command("seed_demo")
    opinion = RectificationOpinion.objects.select_related("correction_clock").get()
    assert opinion.form == OpinionForm.ORAL and opinion.status == RectificationStatus.OPEN
    assert opinion.correction_clock.kind == "D-25"
    client = Client()
    client.force_login(User.objects.get(username="procurator1"))
    html = client.get(reverse("procuracy:lane", args=[opinion.case_id])).content.decode()
    assert f'id="rectification-{opinion.pk}"' in html
