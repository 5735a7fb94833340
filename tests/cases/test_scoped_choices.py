"""Every organisation a clerk, a judge or an approver names is one the law allows for that
act, in that jurisdiction (issue #9 item 3; `cases.choices`). The forms offer only those, and
the services refuse any other id whatever the form sent, naming the article; a refused
request writes nothing, sends no notice and opens no clock."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from approvals.court import court_case_open, court_consult_procuratorate
from approvals.models import CourtProceeding, FilingForReview
from approvals.services import filing_record
from cases.forms import SentenceForm
from cases.models import Case, CaseParticipant, CaseState, Offender, ProcuratorateCopy
from cases.services import offender_register
from cases.services.workflow import case_record_save
from cases.workflow_forms import (
    InvestigationEntrustmentForm,
    MedicalCertificateForm,
    ProcuratorateCopyForm,
)
from kernel.accounts.models import ProcuratorialAssignment
from kernel.accounts.roles import CourtLevel, Level, OrganisationType, Role
from kernel.deadlines.models import Deadline
from kernel.legal_refs import cite_zh
from kernel.notices.models import Notice
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.cases.steps import to_assessment, valid_certificate
from tests.factories import OrganisationFactory, UserFactory, identity_number

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T = OrganisationType


@pytest.fixture
def jiangsu(world):
    """Another province's organs, each of a kind a Zhejiang form could be tricked into naming."""

    def org(name, type_, **kw):
        kw.setdefault("region_code", "320100")
        return OrganisationFactory(name=f"江苏{name}", type=type_, **kw)

    proc = org("南京市人民检察院", T.PROCURATORATE)
    procurator = UserFactory(username="js_procurator", organisation=proc, roles=[Role.PROCURATOR])
    return {
        "proc": proc,
        "procurator": procurator,
        "hospital": org("省人民医院", T.DESIGNATED_HOSPITAL, designated_from=dt.date(2020, 1, 1)),
        "court": org("南京市玄武区法院", T.COURT, court_level=CourtLevel.BASIC),
        "dc": org("南京市看守所", T.DETENTION_CENTRE),
        "cja": org("玄武区司法局", T.JUDICIAL_ADMINISTRATION, region_code="320102"),
    }


def _cites(article: str, response) -> bool:
    """The refusal cites the article in the page's language (《…》第…条 on a Chinese page)."""
    page = response.content.decode()
    if 'lang="zh-hans"' in page:
        return cite_zh(article) in page and article not in page
    return article in page


def _either(article: str) -> str:
    """A service's refusal cites the article in the active language: raw in English, 《…》第…条
    in Chinese (a request ends in the default language, so a later call may answer in it)."""
    return f"{re.escape(article)}|{re.escape(cite_zh(article))}"


def _copy_post(world, procuratorate_id: int):
    return world.client_for(world.clerk_a).post(
        reverse("cases:case_record", args=[world.case_a.pk, "procuratorate-copy"]),
        {
            "procuratorate-copy-stage": "assessment",
            "procuratorate-copy-procuratorate": str(procuratorate_id),
            "procuratorate-copy-sent_on": "2026-03-03",
        },
    )


def test_a_chinese_page_cites_the_article_of_a_refused_choice_in_chinese(world, jiangsu) -> None:
    """A clerk reading in Chinese is told the law's name and article, never a raw code."""
    response = world.client_for(world.clerk_a).post(
        reverse("cases:case_record", args=[world.case_a.pk, "procuratorate-copy"]),
        {
            "procuratorate-copy-stage": "assessment",
            "procuratorate-copy-procuratorate": str(jiangsu["proc"].pk),
            "procuratorate-copy-sent_on": "2026-03-03",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "《暂予监外执行规定》第八条第三款、第十三条第三款）" in page
    assert "P2014" not in page
    assert not ProcuratorateCopy.objects.exists()


def test_a_copy_forged_to_another_provinces_procuratorate_is_refused_and_nothing_is_sent(
    world, jiangsu
) -> None:
    response = _copy_post(world, jiangsu["proc"].pk)
    assert response.status_code == 400
    assert _cites("P2014 Arts 8 ¶3, 13 ¶3", response)
    assert not ProcuratorateCopy.objects.exists()
    assert not Notice.objects.filter(recipient=jiangsu["procurator"]).exists()
    assert not Deadline.objects.filter(responsible_organisation=jiangsu["proc"]).exists()
    # The service refuses it too, whatever the form sent.
    with pytest.raises(ValidationError, match=_either("P2014 Arts 8 ¶3, 13 ¶3")):
        case_record_save(
            case_id=world.case_a.pk,
            actor=world.clerk_a,
            record=ProcuratorateCopy(
                stage="assessment", procuratorate=jiangsu["proc"], sent_on=dt.date(2026, 3, 3)
            ),
        )
    assert not ProcuratorateCopy.objects.exists()


def test_the_copy_goes_to_the_procuratorates_routed_to_the_case(world, jiangsu) -> None:
    form = ProcuratorateCopyForm(case=world.case_a)
    offered = set(form.fields["procuratorate"].queryset)
    # The stationed procuratorate and the one at the approving authority's level (E-30).
    assert offered == {world.proc_a, world.proc_prov}
    assert _copy_post(world, world.proc_a.pk).status_code == 302
    # Another prison's stationed procuratorate, of the same province, is not on this case.
    assert world.proc_b not in offered


def test_only_designated_hospitals_of_the_province_are_offered_and_accepted(world, jiangsu) -> None:
    case = world.case_a
    to_assessment(world, case)
    offered = set(MedicalCertificateForm(case=case).fields["hospital"].queryset)
    assert world.hospital in offered and jiangsu["hospital"] not in offered
    with pytest.raises(ValidationError, match=_either("P2014 Art 9")):
        case_record_save(
            case_id=case.pk,
            actor=world.clerk_a,
            record=valid_certificate(world, hospital=jiangsu["hospital"]),
        )
    assert not case.certificates.exists()


def test_the_investigation_goes_to_the_residences_judicial_administration(world, jiangsu) -> None:
    offered = set(InvestigationEntrustmentForm(case=world.case_a).fields["entrusted_to"].queryset)
    assert offered == {world.cja}  # the county-level judicial administration only (Art 8 ¶2)


def test_forms_without_a_case_offer_nothing() -> None:
    assert not ProcuratorateCopyForm().fields["procuratorate"].queryset.exists()


def _registration(court_id: int, **overrides: str) -> dict[str, str]:
    data = {
        "offender-name": "王五",
        "offender-id_number": identity_number(sequence=21, birth=dt.date(1980, 2, 29)),
        "offender-sex": "M",
        "offender-date_of_birth": "1980-02-29",
        "offender-residence_address": "浙江省杭州市西湖区",
        "offender-residence_region_code": "330106",
        "sentence-judgment_number": "(2021)浙0106刑初5号",
        "sentence-sentencing_court": str(court_id),
        "sentence-offences": "诈骗罪",
        "sentence-original_type": "fixed_term",
        "sentence-original_years": "10",
        "sentence-original_months": "0",
        "sentence-execution_start": "2021-03-05",
        "sentence-custody_days": "30",
    }
    data.update(overrides)
    return data


def test_a_sentencing_court_of_another_province_is_refused(world, jiangsu) -> None:
    url = reverse("cases:offender_create")
    response = world.client_for(world.clerk_a).post(url, _registration(jiangsu["court"].pk))
    assert response.status_code == 400
    assert _cites("CPL Arts 21, 264", response)
    assert not Offender.objects.filter(name="王五").exists()
    offered = set(SentenceForm(institution=world.prison_a).fields["sentencing_court"].queryset)
    assert offered == {world.court, world.court_mid}  # the province's courts only
    with pytest.raises(ValidationError, match=_either("CPL Arts 21, 264")):
        offender_register(
            actor=world.clerk_a,
            offender_data={
                "name": "王五",
                "id_number": identity_number(sequence=23),
                "sex": "M",
                "date_of_birth": dt.date(1970, 5, 17),
                "residence_address": "浙江省杭州市西湖区",
                "residence_region_code": "330106",
            },
            sentence_data={
                "judgment_number": "x",
                "sentencing_court": jiangsu["court"],
                "offences": "盗窃罪",
                "original_type": "fixed_term",
                "original_years": 5,
                "execution_start": dt.date(2020, 1, 1),
            },
        )
    assert not Offender.objects.filter(name="王五").exists()


def test_a_life_sentence_is_not_given_by_a_basic_court(world) -> None:
    response = world.client_for(world.clerk_a).post(
        reverse("cases:offender_create"),
        _registration(
            world.court.pk,
            **{"sentence-original_type": "life", "sentence-original_years": "0"},
        ),
    )
    assert response.status_code == 400
    assert _cites("CPL Art 21", response)
    assert not Offender.objects.filter(name="王五").exists()


def test_registering_a_number_held_elsewhere_reveals_nothing(world) -> None:
    """Another organisation's record of the number is neither refused nor revealed: the
    clerk registers the person held at the clerk's own institution, as for any new person."""
    number = world.offender_b.id_number  # registered by the second prison
    data = _registration(
        world.court.pk,
        **{
            "offender-id_number": number,
            "offender-date_of_birth": "1970-05-17",
            "offender-name": "李四",
        },
    )
    response = world.client_for(world.clerk_a).post(reverse("cases:offender_create"), data)
    assert response.status_code == 302
    mine = Offender.objects.get(id_number=number, custodian=world.prison_a)
    assert mine.pk != world.offender_b.pk
    # The other record stays the other institution's: nothing of it is visible here.
    page = world.client_for(world.clerk_a).get(reverse("cases:offender_list"), {"q": number})
    assert f"/offenders/{world.offender_b.pk}/" not in page.content.decode()
    # At the same institution the clerk is told it is already registered there.
    again = world.client_for(world.clerk_a).post(reverse("cases:offender_create"), data)
    assert again.status_code == 400
    assert (
        "此人已在本单位登记" in again.content.decode()
    )  # "already registered at your institution"


def test_an_invalid_offender_form_answers_400(world) -> None:
    response = world.client_for(world.clerk_a).post(reverse("cases:offender_create"), {})
    assert response.status_code == 400


@pytest.fixture
def defendant(world):
    dc_clerk = UserFactory(username="dc_clerk", organisation=world.dc, roles=[Role.PRISON_CLERK])
    return offender_register(
        actor=dc_clerk,
        offender_data={
            "name": "王五",
            "id_number": identity_number(sequence=21),
            "sex": "M",
            "date_of_birth": dt.date(1970, 5, 17),
            "residence_address": "浙江省杭州市西湖区",
            "residence_region_code": "330106",
        },
        sentence_data={
            "judgment_number": "(2026)浙0106刑初88号",
            "sentencing_court": world.court,
            "offences": "诈骗罪",
            "judgment_effective_on": dt.date(2026, 3, 2),
            "original_type": "fixed_term",
            "original_years": 3,
            "execution_start": dt.date(2025, 11, 2),
        },
    )


def test_the_court_names_only_an_executing_organ_of_its_own_area(world, jiangsu, defendant) -> None:
    """The leak of issue #9: a court naming another province's detention centre made that
    province's clerk a participant of the court's case."""
    other_city = OrganisationFactory(
        name="宁波市看守所", type=T.DETENTION_CENTRE, region_code="330200"
    )
    response = world.client_for(world.judge).post(
        reverse("approvals:court_open", args=[defendant.pk]),
        {
            "origin": "application",
            "applied_on": "2026-03-03",
            "custody": "detained",
            "executing_organ": str(jiangsu["dc"].pk),
            "ground_medical": "on",
        },
    )
    assert response.status_code == 400
    assert _cites("P2014 Art 18", response)
    assert not Case.objects.filter(offender=defendant).exists()
    assert not CaseParticipant.objects.filter(organisation=jiangsu["dc"]).exists()
    page = world.client_for(world.judge).get(reverse("approvals:court_open", args=[defendant.pk]))
    assert world.dc.name in page.content.decode()
    assert jiangsu["dc"].name not in page.content.decode()
    assert other_city.name not in page.content.decode()
    for organ in (jiangsu["dc"], other_city):
        with pytest.raises(ValidationError, match=_either("P2014 Art 18")):
            court_case_open(
                actor=world.judge,
                offender=defendant,
                origin=CourtProceeding.Origin.APPLICATION,
                applied_on=dt.date(2026, 3, 3),
                custody=CourtProceeding.Custody.DETAINED,
                executing_organ=organ,
                ground_medical=True,
            )
    assert not Case.objects.filter(offender=defendant).exists()


def test_the_court_consults_only_the_procuratorate_at_its_level(world, jiangsu, defendant) -> None:
    proc_court = OrganisationFactory(
        name="西湖区检察院", type=T.PROCURATORATE, level=Level.COUNTY, region_code="330106"
    )
    ProcuratorialAssignment.objects.create(
        procuratorate=proc_court,
        supervised=world.court,
        mode=ProcuratorialAssignment.Mode.SAME_LEVEL,
    )
    case = court_case_open(
        actor=world.judge,
        offender=defendant,
        origin=CourtProceeding.Origin.APPLICATION,
        applied_on=dt.date(2026, 3, 3),
        custody=CourtProceeding.Custody.DETAINED,
        executing_organ=world.dc,
        ground_medical=True,
    )
    Case.objects.filter(pk=case.pk).update(state=CaseState.ASSESSED)
    with pytest.raises(ValidationError, match=_either("SPC-Interp Art 515")):
        court_consult_procuratorate(
            case_id=case.pk,
            actor=world.judge,
            expected_state=CaseState.ASSESSED,
            request="请提出意见",
            requested_of=jiangsu["proc"],
        )
    assert not Notice.objects.filter(recipient=jiangsu["procurator"]).exists()
    assert not case.participants.filter(organisation=jiangsu["proc"]).exists()


@pytest.fixture
def proposed_duty_crime(world, loaded_calendar, proposed):  # noqa: F811
    case = proposed
    Case.objects.filter(pk=case.pk).update(filing_required=True)
    case.refresh_from_db()
    return case


def test_a_filing_with_another_provinces_procuratorate_is_refused(
    world, jiangsu, proposed_duty_crime
) -> None:
    case = proposed_duty_crime
    client = world.client_for(world.approver)
    page = client.get(reverse("approvals:decide", args=[case.pk])).content.decode()
    assert world.proc_prov.name in page and jiangsu["proc"].name not in page
    response = client.post(
        reverse("approvals:filing", args=[case.pk]),
        {"filed_with": str(jiangsu["proc"].pk), "filed_on": "2026-03-18"},
    )
    assert response.status_code == 400
    assert not FilingForReview.objects.exists()
    with pytest.raises(ValidationError, match=_either("P2014 Art 2 ¶2")):
        filing_record(
            case_id=case.pk,
            actor=world.approver,
            filed_with=jiangsu["proc"],
            filed_on=dt.date(2026, 3, 18),
        )
    assert not FilingForReview.objects.exists()
    filing_record(
        case_id=case.pk,
        actor=world.approver,
        filed_with=world.proc_prov,
        filed_on=dt.date(2026, 3, 18),
    )
    assert FilingForReview.objects.get().filed_with == world.proc_prov
