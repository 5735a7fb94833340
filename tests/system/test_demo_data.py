"""`make run`'s demo set: every role has an account, and every account can log in."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from cases.models import Case
from demo.seed import ACCOUNTS, DEMO_PASSWORD
from kernel.accounts.models import Organisation
from kernel.accounts.roles import OrganisationType, Role

pytestmark = pytest.mark.django_db


def test_demo_set_has_every_role_and_organisation_type(capsys) -> None:
    call_command("seed_demo")
    out = capsys.readouterr().out
    roles = {role for account in ACCOUNTS for role in account.roles}
    assert roles == set(Role.values)
    types = set(Organisation.objects.values_list("type", flat=True))
    assert types >= set(OrganisationType.values) - {OrganisationType.INVESTIGATION_ORGAN}
    assert DEMO_PASSWORD in out
    assert Case.objects.count() >= 4


def test_every_demo_account_can_log_in_and_open_my_work() -> None:
    call_command("seed_demo")
    for account in ACCOUNTS:
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": account.username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, account.username
        assert client.get("/").status_code == 200, account.username


def test_seed_demo_is_idempotent() -> None:
    call_command("seed_demo")
    count = Organisation.objects.count()
    call_command("seed_demo")
    assert Organisation.objects.count() == count


def test_demo_procurator_sees_the_stationed_prisons_cases_only() -> None:
    from cases.selectors import case_list_for_user
    from kernel.accounts.models import User

    call_command("seed_demo")
    procurator = User.objects.get(username="procurator1")
    numbers = set(case_list_for_user(user=procurator).values_list("number", flat=True))
    assert numbers
    assert all("〕01" in n for n in numbers)


def test_demo_has_a_proposed_case_with_running_clocks() -> None:
    from kernel.deadlines.models import Deadline

    call_command("seed_demo")
    proposed = Case.objects.get(state="proposed")
    kinds = set(Deadline.objects.filter(subject_id=proposed.pk).values_list("kind", flat=True))
    assert {"D-04", "D-09"} <= kinds
    assert proposed.submission.approval_form is not None


def test_demo_has_an_approved_signed_decision_awaiting_the_prisons_receipt() -> None:
    from kernel.signing.services import document_signature_status

    call_command("seed_demo")
    approved = Case.objects.get(state="approved")
    assert document_signature_status(approved.decision.document).status == "valid"
    assert approved.decision.deliveries.filter(received_at__isnull=True).exists()


def test_demo_has_a_person_under_community_correction_whose_page_opens() -> None:
    from supervision.models import Supervision, SupervisionState

    call_command("seed_demo")
    record = Supervision.objects.get()
    assert record.state == SupervisionState.UNDER_SUPERVISION
    client = Client()
    client.post("/accounts/login/", {"username": "officer", "password": DEMO_PASSWORD})
    page = client.get(f"/supervision/cases/{record.case_id}/community/")
    assert page.status_code == 200
    assert 'id="submit-condition_review"' in page.content.decode()


def test_demo_procurators_dashboard_flags_the_detention_of_the_person_under_supervision() -> None:
    """The detention imported from the police (after the reception) is a signal the demo
    procurator sees on the anomaly dashboard, with the case behind it."""
    from django.urls import reverse

    from supervision.models import Supervision

    call_command("seed_demo")
    case = Supervision.objects.get().case
    client = Client()
    client.post("/accounts/login/", {"username": "procurator1", "password": DEMO_PASSWORD})
    response = client.get(reverse("procuracy:anomalies_dashboard"))
    assert response.status_code == 200
    counts = {e.signal.code: e.count for _, _, es in response.context["stages"] for e in es}
    assert counts["new_offence_still_listed"] == 1
    page = client.get(reverse("procuracy:anomalies_signal", args=["new_offence_still_listed"]))
    assert f'id="flagged-case-{case.pk}"' in page.content.decode()
