"""The opinion form shows whether the procurator has read every document of the case, and the
procuratorate can require it before its opinion (P2014 Art 13 ¶3; issue 13)."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.models import ProcuratorialOpinion, ReaderSetting
from cases.services.workflow import TransitionRefused, procuratorial_opinion_file
from tests.cases.reader_helpers import issued, materials_sent, read_all, uploaded

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

OPINION = {
    "issued_on": "2026-04-01",
    "conforms": "yes",
    "content": "经审查，符合条件。",
    "chief_approved": "on",
}


def _require(world) -> None:
    world.client_for(world.procurator_a).post(
        f"/cases/{world.case_a.pk}/reader/setting/", {"opinion_requires_all_viewed": "on"}
    )


def test_the_opinion_form_lists_unread_documents_then_shows_all_viewed(world) -> None:
    case = world.case_a
    evidence = uploaded(case, world.clerk_a)
    (document,) = issued(case, world.pab)
    client = world.client_for(world.procurator_a)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="unread-documents"' in page and 'id="all-viewed"' not in page
    assert f"/cases/{case.pk}/reader/?doc=e{evidence.pk}" in page
    assert f"/cases/{case.pk}/reader/?doc=g{document.pk}" in page
    read_all(client, case, {f"g{document.pk}": 4})
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="all-viewed"' in page and 'id="unread-documents"' not in page
    assert "已阅全部材料" in page


def test_the_procuratorate_sets_the_requirement_and_a_clerk_may_not(world) -> None:
    case = world.case_a
    response = world.client_for(world.procurator_a).post(
        f"/cases/{case.pk}/reader/setting/", {"opinion_requires_all_viewed": "on"}
    )
    assert response.status_code == 302
    assert ReaderSetting.objects.get(organisation=world.proc_a).opinion_requires_all_viewed
    page = world.client_for(world.procurator_a).get(f"/cases/{case.pk}/reader/")
    assert page.context["setting_form"].initial == {"opinion_requires_all_viewed": True}
    assert (
        world.client_for(world.clerk_a).get(f"/cases/{case.pk}/reader/").context["setting_form"]
        is None
    )
    refused = world.client_for(world.clerk_a).post(
        f"/cases/{case.pk}/reader/setting/", {"opinion_requires_all_viewed": ""}
    )
    assert refused.status_code == 403
    assert ReaderSetting.objects.get(organisation=world.proc_a).opinion_requires_all_viewed
    world.client_for(world.procurator_a).post(f"/cases/{case.pk}/reader/setting/", {})
    assert not ReaderSetting.objects.get(organisation=world.proc_a).opinion_requires_all_viewed


def test_when_required_an_opinion_before_all_is_read_is_refused_art_13(world) -> None:
    case = world.case_a
    materials_sent(world, case)
    uploaded(case, world.clerk_a)
    _require(world)
    client = world.client_for(world.procurator_a)
    with pytest.raises(TransitionRefused) as refusal:
        procuratorial_opinion_file(
            case_id=case.pk,
            actor=world.procurator_a,
            issued_on=dt.date(2026, 4, 1),
            conforms=True,
            content="意见",
            chief_approved=True,
        )
    assert [r.article for r in refusal.value.requirements] == ["P2014 Art 13 ¶3"]
    response = client.post(f"/cases/{case.pk}/opinion/", OPINION)
    assert response.status_code == 400
    assert "本院要求在阅卷中阅毕本案全部材料" in response.content.decode()
    assert 'id="all-viewed-required"' in response.content.decode()
    assert not ProcuratorialOpinion.objects.exists()
    read_all(client, case)
    assert client.post(f"/cases/{case.pk}/opinion/", OPINION).status_code == 302
    assert ProcuratorialOpinion.objects.filter(case=case).count() == 1


def test_not_required_the_opinion_is_sent_unread(world) -> None:
    case = world.case_a
    materials_sent(world, case)
    uploaded(case, world.clerk_a)
    response = world.client_for(world.procurator_a).post(f"/cases/{case.pk}/opinion/", OPINION)
    assert response.status_code == 302
    assert ProcuratorialOpinion.objects.filter(case=case).exists()


def test_the_api_refuses_the_opinion_naming_the_article(world) -> None:
    case = world.case_a
    materials_sent(world, case)
    uploaded(case, world.clerk_a)
    _require(world)
    client = world.client_for(world.procurator_a)
    url = f"/api/v1/cases/{case.pk}/acts/procuratorial_opinion_file/"
    body = {
        "expected_state": case.state,
        "issued_on": "2026-04-01",
        "conforms": True,
        "content": "意见",
        "chief_approved": True,
    }
    offers = client.get(f"/api/v1/cases/{case.pk}/acts/").json()
    (offer,) = [o for o in offers if o["name"] == "procuratorial_opinion_file"]
    assert [m["article"] for m in offer["missing"]] == ["P2014 Art 13 ¶3"]
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "P2014 Art 13 ¶3" in response.content.decode()
    read_all(client, case)
    assert client.post(url, body, content_type="application/json").status_code in (200, 201)
