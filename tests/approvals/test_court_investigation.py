"""T-A03: the court may entrust the community-correction institution or the county judicial
administration of the defendant's residence with an investigation and evaluation, and then
decides with the opinion in hand (CCL Art 18; legal-spec §3.3 T-A03; issue 10 item 8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approvals.court import (
    court_investigation_entrust,
    court_investigation_report,
    execution_documents_served_record,
)
from approvals.models import ApprovalDecision, CourtInvestigation
from cases.models import Case, CaseState
from cases.services.workflow import TransitionRefused
from kernel.accounts.roles import Level, OrganisationType, Role
from kernel.audit.models import AuditEvent
from kernel.legal_refs import cite_zh
from kernel.notices.models import Notice
from tests.approvals.test_court_path import (
    Court,
    _articles,
    _assessed,
    _consulted,
    _decide,
    court_world,
)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
REQUEST = "请对被告人王五的社会危险性和对所居住社区的影响进行调查评估。"


@pytest.fixture
def cw(world) -> Court:
    return court_world(world)


@pytest.fixture
def cja(world):
    """The county judicial administration of the defendant's residence (西湖区, 330106)."""
    return OrganisationFactory(
        name="西湖区司法局",
        type=OrganisationType.JUDICIAL_ADMINISTRATION,
        level=Level.COUNTY,
        region_code="330106",
    )


def _entrust(cw: Court, case: Case, to, *, actor=None, expected=None) -> CourtInvestigation:
    case.refresh_from_db()
    return court_investigation_entrust(
        case_id=case.pk,
        actor=actor or cw.clerk,
        expected_state=expected or case.state,
        entrusted_to=to,
        request=REQUEST,
        entrusted_on=dt.date(2026, 3, 4),
    )


def _report(case: Case, actor, opinion="经调查评估，被告人无社会危险性，对社区无重大不良影响。"):
    return court_investigation_report(
        case_id=case.pk, actor=actor, opinion=opinion, opinion_on=dt.date(2026, 3, 5)
    )


def test_the_court_entrusts_the_residences_cci_which_is_notified(world, cw) -> None:
    case = _assessed(world, cw)
    investigation = _entrust(cw, case, world.cci)
    assert investigation.entrusted_to == world.cci
    assert investigation.entrusted_by == cw.clerk
    assert Notice.objects.filter(
        recipient=world.officer, link=f"/approvals/court/cases/{case.pk}/investigation/"
    ).exists()
    assert AuditEvent.objects.filter(action="case.court_investigation_entrusted").exists()
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSED  # optional: the case does not move


def test_an_organisation_the_law_does_not_allow_is_refused_ccl_art_18(world, cw) -> None:
    """Only the CCI or county judicial administration of the residence (CCL Art 18)."""
    elsewhere = OrganisationFactory(
        name="上城区社区矫正机构",
        type=OrganisationType.COMMUNITY_CORRECTION,
        level=Level.COUNTY,
        region_code="330102",
    )
    case = _assessed(world, cw)
    for organisation in (elsewhere, world.dc, world.court, cw.proc_court):
        with pytest.raises(ValidationError) as exc:
            _entrust(cw, case, organisation)
        assert "CCL Art 18" in str(exc.value)
    assert not CourtInvestigation.objects.exists()


def test_entrusting_belongs_to_the_assessment_before_the_consultation(world, cw) -> None:
    """T-A03 comes between T-A02 and T-A04."""
    case = _consulted(world, cw)
    with pytest.raises(TransitionRefused) as exc:
        _entrust(cw, case, world.cci)
    assert _articles(exc) == {"CCL Art 18"}
    assert not CourtInvestigation.objects.exists()


def test_entrusting_is_refused_once_the_execution_documents_are_served(world, cw) -> None:
    case = _assessed(world, cw)
    execution_documents_served_record(
        case_id=case.pk, actor=cw.clerk, served_on=dt.date(2026, 3, 5)
    )
    with pytest.raises(TransitionRefused) as exc:
        _entrust(cw, case, world.cci)
    assert _articles(exc) == {"P2014 Art 18 ¶1, ¶3"}
    assert not CourtInvestigation.objects.exists()


def test_the_court_decides_only_with_the_entrusted_opinion_in_hand(world, cw) -> None:
    case = _assessed(world, cw)
    _entrust(cw, case, world.cci)
    from approvals.court import court_consult_procuratorate

    court_consult_procuratorate(
        case_id=case.pk, actor=cw.clerk, expected_state="assessed", request="请提出意见"
    )
    case.refresh_from_db()
    with pytest.raises(TransitionRefused) as exc:
        _decide(cw, case)
    assert "CCL Art 18" in _articles(exc)
    assert not ApprovalDecision.objects.exists()
    _report(case, world.officer)
    assert Notice.objects.filter(recipient=cw.judge, subject__contains="CCL Art 18").exists()
    assert _decide(cw, case).approved


def test_only_the_entrusted_institutions_officer_files_and_the_court_may_record(
    world, cw, cja
) -> None:
    """A judicial administration has no users here: the court records its paper opinion."""
    case = _assessed(world, cw)
    _entrust(cw, case, cja)
    other_cci = OrganisationFactory(type=OrganisationType.COMMUNITY_CORRECTION)
    outsider = UserFactory(organisation=other_cci, roles=[Role.CORRECTION_OFFICER])
    for user in (world.officer, outsider, cw.procurator, cw.dc_clerk, cw.other_judge):
        with pytest.raises(PermissionDenied):
            _report(case, user)
    investigation = _report(case, cw.clerk, opinion="司法局书面评估意见：建议适用。")
    assert investigation.opinion_recorded_by == cw.clerk
    with pytest.raises(ValidationError, match="already"):
        _report(case, cw.clerk)


def test_one_investigation_per_case_and_opinion_not_before_entrustment(world, cw) -> None:
    case = _assessed(world, cw)
    _entrust(cw, case, world.cci)
    with pytest.raises(ValidationError, match="already entrusted"):
        _entrust(cw, case, world.cci)
    with pytest.raises(ValidationError, match="before the investigation"):
        court_investigation_report(
            case_id=case.pk, actor=world.officer, opinion="x", opinion_on=dt.date(2026, 3, 3)
        )


# Screens


def test_the_court_entrusts_on_its_page_and_the_cci_files_on_its_screen(world, cw) -> None:
    case = _assessed(world, cw)
    court = world.client_for(cw.clerk)
    base = f"/approvals/court/cases/{case.pk}/"
    page = court.get(base).content.decode()
    assert 'id="investigation-entrust"' in page and world.cci.name in page
    form = {
        "expected_state": "assessed",
        "entrusted_to": str(world.cci.pk),
        "entrusted_on": "2026-03-04",
        "request": REQUEST,
    }
    forged = court.post(base + "investigation/entrust/", {**form, "entrusted_to": str(world.dc.pk)})
    # The page speaks Chinese: the refusal cites 《社区矫正法》第十八条, not the code.
    assert forged.status_code == 400 and cite_zh("CCL Art 18") in forged.content.decode()
    assert court.post(base + "investigation/entrust/", {**form, "request": ""}).status_code == 400
    assert court.post(base + "investigation/entrust/", form).status_code == 302
    # The entrusted institution lists it and files its opinion on its own screen.
    officer = world.client_for(world.officer)
    listing = officer.get("/approvals/court/investigations/").content.decode()
    assert cw.defendant.name in listing
    screen = officer.get(base + "investigation/")
    assert screen.status_code == 200 and REQUEST in screen.content.decode()
    opinion = {"opinion": "无社会危险性。", "opinion_on": "2026-03-05"}
    assert officer.post(base + "investigation/", {**opinion, "opinion": ""}).status_code == 400
    assert officer.post(base + "investigation/", opinion).status_code == 302
    assert "无社会危险性。" in court.get(base).content.decode()


def test_the_investigation_screen_is_for_the_entrusted_and_the_court_only(world, cw) -> None:
    case = _assessed(world, cw)
    _entrust(cw, case, world.cci)
    url = f"/approvals/court/cases/{case.pk}/investigation/"
    other_cci = OrganisationFactory(type=OrganisationType.COMMUNITY_CORRECTION)
    outsider = UserFactory(organisation=other_cci, roles=[Role.CORRECTION_OFFICER])
    assert world.client_for(world.officer).get(url).status_code == 200
    assert world.client_for(cw.judge).get(url).status_code == 200
    assert world.client_for(outsider).get(url).status_code == 404
    assert world.client_for(cw.other_judge).get(url).status_code == 404
    assert world.client_for(cw.procurator).get(url).status_code == 403
    assert world.client_for(outsider).get("/approvals/court/investigations/").status_code == 200
    assert cw.defendant.name not in (
        world.client_for(outsider).get("/approvals/court/investigations/").content.decode()
    )
    assert world.client_for(cw.judge).get("/approvals/court/investigations/").status_code == 403
    entrust = f"/approvals/court/cases/{case.pk}/investigation/entrust/"
    assert world.client_for(world.officer).post(entrust, {}).status_code == 403
