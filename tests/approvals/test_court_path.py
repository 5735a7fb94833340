"""The court decides before the judgment is delivered for execution (P2014 Arts 17-19;
SPC-Interp Arts 514-515; CCL Arts 20-21; legal-spec §3.3 T-A01…T-A06)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string

from approvals.court import (
    DOC_16C,
    DOC_18,
    court_advance,
    court_case_open,
    court_consult_procuratorate,
    court_decide,
    court_decision_context,
    court_procuratorate_reply,
    court_record_save,
    execution_documents_served_record,
)
from approvals.models import ApprovalDecision, CourtProceeding, Delivery
from approvals.services import delivery_receipt_record
from cases.jurisdiction import Capacity
from cases.models import Case, CaseState, Offender, RecusalDeclaration
from cases.services import offender_register
from cases.services.workflow import CaseConflict, TransitionRefused
from kernel.accounts.models import Organisation, ProcuratorialAssignment, User
from kernel.accounts.roles import Level, OrganisationType, Role
from kernel.audit.models import AuditEvent
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from tests.cases.steps import assessed_eligible, valid_certificate
from tests.factories import OrganisationFactory, UserFactory, identity_number

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
JUDGMENT_EFFECTIVE = dt.date(2026, 3, 2)
DECIDED_AT = dt.datetime(2026, 3, 6, 10, tzinfo=SH)


@dataclass
class Court:
    court: Organisation
    judge: User
    clerk: User
    proc_court: Organisation
    procurator: User
    proc_dc: Organisation
    dc_clerk: User
    other_judge: User
    defendant: Offender


@pytest.fixture
def cw(world) -> Court:
    return court_world(world)


def court_world(world) -> Court:
    """The court of the world, its same-level procuratorate, the detention centre's clerk and
    stationed procuratorate, and a defendant held there whose judgment took effect on 03-02."""
    proc_court = OrganisationFactory(
        name="西湖区检察院", type=OrganisationType.PROCURATORATE, level=Level.COUNTY
    )
    proc_dc = OrganisationFactory(name="驻看守所检察室", type=OrganisationType.PROCURATORATE)
    mode = ProcuratorialAssignment.Mode
    ProcuratorialAssignment.objects.create(
        procuratorate=proc_court, supervised=world.court, mode=mode.SAME_LEVEL
    )
    ProcuratorialAssignment.objects.create(
        procuratorate=proc_dc, supervised=world.dc, mode=mode.STATIONED
    )
    other_court = OrganisationFactory(name="上城区法院", type=OrganisationType.COURT)
    dc_clerk = UserFactory(username="dc_clerk", organisation=world.dc, roles=[Role.PRISON_CLERK])
    defendant = offender_register(
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
            "judgment_effective_on": JUDGMENT_EFFECTIVE,
            "original_type": "fixed_term",
            "original_years": 3,
            "original_months": 6,
            "execution_start": dt.date(2025, 11, 2),
            "custody_days": 0,
        },
    )
    return Court(
        court=world.court,
        judge=world.judge,
        clerk=UserFactory(
            username="court_clerk", organisation=world.court, roles=[Role.COURT_CLERK]
        ),
        proc_court=proc_court,
        procurator=UserFactory(
            username="procurator_court", organisation=proc_court, roles=[Role.PROCURATOR]
        ),
        proc_dc=proc_dc,
        dc_clerk=dc_clerk,
        other_judge=UserFactory(
            username="other_judge", organisation=other_court, roles=[Role.JUDGE]
        ),
        defendant=defendant,
    )


def _open(world, cw: Court, **kw) -> Case:
    data = {
        "actor": cw.clerk,
        "offender": cw.defendant,
        "origin": CourtProceeding.Origin.APPLICATION,
        "applicant_name": "王五",
        "applied_on": dt.date(2026, 3, 3),
        "custody": CourtProceeding.Custody.DETAINED,
        "executing_organ": world.dc,
        "ground_medical": True,
        "opened_on": dt.date(2026, 3, 3),
    }
    data.update(kw)
    return court_case_open(**data)


def _advance(cw: Court, case: Case, step: str) -> Case:
    case.refresh_from_db()
    return court_advance(case_id=case.pk, actor=cw.clerk, step=step, expected_state=case.state)


def _assessed(world, cw: Court, **open_kw) -> Case:
    """T-A01, T-A02: opened, screened, the designated hospital's certificate and the doctors'
    recusal declarations recorded by the court."""
    case = _open(world, cw, **open_kw)
    assessed_eligible(case)
    _advance(cw, case, "screen")
    _advance(cw, case, "start_assessment")  # no Art 8 ¶3 copy on the court path
    court_record_save(case_id=case.pk, actor=cw.clerk, record=valid_certificate(world))
    for name in ("李医生", "王医生"):
        court_record_save(
            case_id=case.pk,
            actor=cw.clerk,
            record=RecusalDeclaration(
                person_name=name, capacity="医生", declared_on=dt.date(2026, 3, 4)
            ),
        )
    assessed_eligible(case)
    return _advance(cw, case, "record_assessment")


def _consulted(world, cw: Court, **open_kw) -> Case:
    case = _assessed(world, cw, **open_kw)
    court_consult_procuratorate(
        case_id=case.pk,
        actor=cw.clerk,
        expected_state=CaseState.ASSESSED,
        request="拟对罪犯王五暂予监外执行，请提出意见。",
        requested_on=dt.date(2026, 3, 4),
    )
    case.refresh_from_db()
    return case


def _decide(cw: Court, case: Case, *, grant=True, actor=None, expected="consultation"):
    with time_machine.travel(DECIDED_AT, tick=False):
        return court_decide(
            case_id=case.pk,
            actor=actor or cw.judge,
            grant=grant,
            reasons="经诊断，罪犯患严重疾病，需保外就医。",
            panel_held_on=dt.date(2026, 3, 5),
            judges=3,
            expected_state=expected,
        )


def _articles(exc: pytest.ExceptionInfo[TransitionRefused]) -> set[str]:
    return {r.article for r in exc.value.requirements}


# T-A01


def test_court_case_routes_the_case_to_the_court_the_dc_and_the_procuratorates(world, cw) -> None:
    case = _open(world, cw)
    assert case.path == "A"
    assert case.state == CaseState.INITIATED
    capacities = {(p.organisation_id, p.capacity) for p in case.participants.all()}
    assert capacities == {
        (world.dc.pk, Capacity.INSTITUTION),
        (world.court.pk, Capacity.DECISION_ORGAN),
        (cw.proc_dc.pk, Capacity.PROCURATORATE),
        (cw.proc_court.pk, Capacity.DECISION_PROCURATORATE),
    }
    assert case.court_proceeding.judgment_effective_on == JUDGMENT_EFFECTIVE
    assert AuditEvent.objects.filter(action="case.court_opened").exists()


def test_opening_is_refused_after_the_execution_documents_are_served_art_17(world, cw) -> None:
    with pytest.raises(TransitionRefused) as exc:
        _open(world, cw, execution_documents_served_on=dt.date(2026, 3, 3))
    assert _articles(exc) == {"P2014 Art 17"}
    assert not Case.objects.filter(path="A").exists()


def test_opening_is_refused_without_a_judgment_art_17(world, cw) -> None:
    cw.defendant.sentences.update(judgment_effective_on=None)
    with pytest.raises(TransitionRefused) as exc:
        _open(world, cw)
    assert _articles(exc) == {"P2014 Art 17"}


def test_bail_is_executed_by_a_public_security_organ_not_a_detention_centre(world, cw) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _open(world, cw, custody=CourtProceeding.Custody.BAIL, executing_organ=world.dc)


# T-A02


def test_court_assessment_needs_the_recusal_declarations_art_9(world, cw) -> None:
    case = _open(world, cw)
    assessed_eligible(case)
    _advance(cw, case, "screen")
    _advance(cw, case, "start_assessment")
    court_record_save(case_id=case.pk, actor=cw.clerk, record=valid_certificate(world))
    assessed_eligible(case)
    with pytest.raises(TransitionRefused) as exc:
        _advance(cw, case, "record_assessment")
    assert "P2014 Art 9 ¶3" in _articles(exc)


def test_start_assessment_on_paths_b_c_still_needs_the_art_8_copy(world) -> None:
    from cases.rules import missing

    case = world.case_a
    assert {r.article for r in missing(case, "start_assessment")} == {"P2014 Art 8 ¶3"}


# T-A04, T-A05


def test_deciding_is_refused_before_consulting_the_procuratorate_art_18_4(world, cw) -> None:
    case = _assessed(world, cw)
    with pytest.raises(TransitionRefused) as exc:
        _decide(cw, case, expected="assessed")
    assert "P2014 Art 18 ¶4; SPC-Interp Art 515 ¶2" in _articles(exc)
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSED
    assert not ApprovalDecision.objects.exists()


def test_deciding_is_refused_after_the_execution_documents_are_served_art_18(world, cw) -> None:
    case = _consulted(world, cw)
    execution_documents_served_record(
        case_id=case.pk, actor=cw.clerk, served_on=dt.date(2026, 3, 5)
    )
    for grant in (True, False):
        with pytest.raises(TransitionRefused) as exc:
            _decide(cw, case, grant=grant)
        assert "P2014 Art 18 ¶1, ¶3" in _articles(exc)
        assert "2026-03-05" in str(exc.value)
    assert not ApprovalDecision.objects.exists()


def test_consultation_notifies_the_procuratorate_and_it_replies(world, cw) -> None:
    case = _consulted(world, cw)
    assert case.state == CaseState.CONSULTATION
    assert Notice.objects.filter(recipient=cw.procurator, subject__contains=case.number)
    with pytest.raises(PermissionDenied):
        court_procuratorate_reply(case_id=case.pk, actor=world.procurator_a, reply="同意")
    proceeding = court_procuratorate_reply(
        case_id=case.pk, actor=cw.procurator, reply="经审查，同意暂予监外执行。"
    )
    assert proceeding.replied_by == cw.procurator
    assert Notice.objects.filter(recipient=cw.judge, subject__contains="opinion")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="already"):
        court_procuratorate_reply(case_id=case.pk, actor=cw.procurator, reply="再次")


def test_grant_issues_doc_16c_delivers_and_starts_d12_d13(world, cw) -> None:
    case = _consulted(world, cw)
    decision = _decide(cw, case)
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED
    assert decision.authority == world.court
    assert decision.committee_members_present == 3
    assert decision.document.title == DOC_16C
    assert decision.document.template == "court_decision"
    assert decision.document.file.read().startswith(b"%PDF")
    purposes = {(d.purpose, d.recipient_id) for d in decision.deliveries.all()}
    assert (Delivery.Purpose.INSTITUTION, world.dc.pk) in purposes
    assert (Delivery.Purpose.PROCURATORATE, cw.proc_court.pk) in purposes
    assert (Delivery.Purpose.COMMUNITY_CORRECTION, world.cci.pk) in purposes
    assert (Delivery.Purpose.CCI_DOCUMENTS, world.cci.pk) in purposes
    d12 = Deadline.objects.get(kind="D-12")
    assert d12.responsible_organisation == world.court
    assert d12.due_date == JUDGMENT_EFFECTIVE + dt.timedelta(days=7)
    assert set(Deadline.objects.filter(kind__in=["D-13a", "D-13b"]).values_list("kind", flat=True))
    assert case.participants.filter(
        organisation=world.cci, capacity=Capacity.EXECUTING_CCI
    ).exists()
    assert hasattr(decision, "publication")
    assert Notice.objects.filter(recipient=cw.dc_clerk, subject__contains=case.number)
    assert AuditEvent.objects.filter(action="case.court_grant", to_state="approved").exists()


def test_doc_16c_states_the_offender_the_charges_the_penalty_reasons_and_basis(world, cw) -> None:
    """P2014 Art 18 ¶2; SPC-Interp Art 515: the required content of the decision."""
    case = _consulted(world, cw)
    context = court_decision_context(
        case, case.court_proceeding, grant=True, reasons="病情严重", presiding_judge="审判长甲"
    )
    assert context["charges"] == "诈骗罪"
    assert context["penalty"].endswith("3年6个月")
    text = render_to_string(
        "pdf/court_decision.html",
        {
            **context,
            "document_title": DOC_16C,
            "document_number": "x",
            "issuing_organisation": world.court,
            "issued_on": dt.date(2026, 3, 6),
        },
    )
    for required in (
        "王五",
        cw.defendant.id_number,
        "诈骗罪",
        "3年6个月",
        "(2026)浙0106刑初88号",
        "病情严重",
        "《暂予监外执行规定》第十七条、第十八条",
        "第五百一十五条",
        "西湖区社区矫正机构",
    ):
        assert required in text, required


def test_the_dcs_receipt_meets_d12_and_opens_d14(world, cw) -> None:
    case = _consulted(world, cw)
    decision = _decide(cw, case)
    to_dc = decision.deliveries.get(purpose=Delivery.Purpose.INSTITUTION)
    received = dt.datetime(2026, 3, 7, 9, tzinfo=SH)
    with pytest.raises(PermissionDenied):
        delivery_receipt_record(delivery_id=to_dc.pk, actor=world.clerk_a, received_at=received)
    delivery_receipt_record(delivery_id=to_dc.pk, actor=cw.dc_clerk, received_at=received)
    assert Deadline.objects.get(kind="D-12").status == DeadlineStatus.MET
    d14 = Deadline.objects.get(kind="D-14")
    assert d14.responsible_organisation == world.dc
    assert d14.due_date == dt.date(2026, 3, 17)  # 10 days (CCL Art 21 ¶2)
    to_cci = decision.deliveries.get(purpose=Delivery.Purpose.COMMUNITY_CORRECTION)
    delivery_receipt_record(delivery_id=to_cci.pk, actor=world.officer, received_at=received)
    assert Deadline.objects.get(kind="D-13a").status == DeadlineStatus.MET


def test_the_dcs_acknowledgement_on_the_release_page_meets_d12(world, cw) -> None:
    """Issue 10 bug 3: the release page's acknowledge button is the same legal act as the
    receipt on the court case page; the court's grant is served (Art 18 ¶2) whichever page
    the detention centre's clerk records it on, and the 10-day hand-over starts (CCL Art 21)."""
    from django.urls import reverse

    case = _consulted(world, cw)
    _decide(cw, case)
    with time_machine.travel(dt.datetime(2026, 3, 7, 9, tzinfo=SH), tick=False):
        response = world.client_for(cw.dc_clerk).post(
            reverse("supervision:acknowledge", args=[case.pk])
        )
    assert response.status_code == 302
    d12 = Deadline.objects.get(kind="D-12")
    assert d12.status == DeadlineStatus.MET
    assert Deadline.objects.get(kind="D-14").responsible_organisation == world.dc


def test_court_numbers_carry_the_courts_official_abbreviation(world, cw) -> None:
    """Issue 10 item 5: the court's case and decision numbers come from its own series."""
    case = _consulted(world, cw)
    assert case.number == "西湖法刑监暂〔2026〕001号"
    assert _decide(cw, case).number == "西湖法暂决〔2026〕001号"


def test_refusal_issues_doc_18_and_informs_the_procuratorate_art_18_3(world, cw) -> None:
    case = _consulted(world, cw)
    decision = _decide(cw, case, grant=False)
    case.refresh_from_db()
    assert case.state == CaseState.REJECTED
    assert decision.document.title == DOC_18
    purposes = {(d.purpose, d.recipient_id) for d in decision.deliveries.all()}
    assert purposes == {
        (Delivery.Purpose.INSTITUTION, world.dc.pk),
        (Delivery.Purpose.PROCURATORATE, cw.proc_court.pk),
    }
    assert Notice.objects.filter(recipient=cw.procurator, subject__contains=decision.number)
    assert not Deadline.objects.filter(kind__in=["D-12", "D-13a", "D-13b"]).exists()
    assert not hasattr(decision, "publication")


def test_reasons_are_required(world, cw) -> None:
    from django.core.exceptions import ValidationError

    case = _consulted(world, cw)
    with pytest.raises(ValidationError), time_machine.travel(DECIDED_AT, tick=False):
        court_decide(
            case_id=case.pk,
            actor=cw.judge,
            grant=True,
            reasons=" ",
            panel_held_on=dt.date(2026, 3, 5),
            judges=3,
            expected_state="consultation",
        )


def test_only_the_cases_judge_or_clerk_acts(world, cw) -> None:
    case = _assessed(world, cw)
    for user in (cw.other_judge, world.approver, world.clerk_a, cw.procurator, cw.dc_clerk):
        with pytest.raises(PermissionDenied):
            court_consult_procuratorate(
                case_id=case.pk, actor=user, expected_state="assessed", request="请提意见"
            )
    court_consult_procuratorate(
        case_id=case.pk, actor=cw.clerk, expected_state="assessed", request="请提意见"
    )
    # The decision is the judges': a clerk prepares it but does not decide.
    for user in (cw.clerk, cw.other_judge, world.approver):
        with pytest.raises(PermissionDenied):
            _decide(cw, case, actor=user)
    with pytest.raises(PermissionDenied):
        court_case_open(
            actor=world.approver,
            offender=cw.defendant,
            origin="application",
            applied_on=dt.date(2026, 3, 3),
            custody="detained",
            executing_organ=world.dc,
            ground_medical=True,
        )


def test_a_stale_second_decision_is_a_conflict(world, cw) -> None:
    case = _consulted(world, cw)
    second_judge = UserFactory(username="judge2", organisation=world.court, roles=[Role.JUDGE])
    _decide(cw, case)
    with pytest.raises(CaseConflict):
        _decide(cw, case, actor=second_judge, grant=False)
    assert ApprovalDecision.objects.count() == 1


# Screens


def test_court_page_for_the_judge_and_not_for_others(world, cw) -> None:
    case = _assessed(world, cw)
    url = f"/approvals/court/cases/{case.pk}/"
    page = world.client_for(cw.judge).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="proceeding"' in body and 'id="consultation"' in body
    assert world.client_for(cw.other_judge).get(url).status_code == 404
    assert world.client_for(world.officer).get(url).status_code == 404  # not yet a participant
    assert world.client_for(world.hospital_liaison).get(url).status_code == 403
    assert world.client_for(cw.procurator).get(url).status_code == 200


def test_court_screens_consult_reply_decide_and_conflict(world, cw, signing) -> None:
    case = _assessed(world, cw)
    judge = world.client_for(cw.judge)
    base = f"/approvals/court/cases/{case.pk}/"
    assert (
        judge.post(base + "consult/", {"expected_state": "assessed", "request": ""}).status_code
        == 400
    )
    ok = judge.post(base + "consult/", {"expected_state": "assessed", "request": "请提出意见"})
    assert ok.status_code == 302
    reply = world.client_for(cw.procurator).post(base + "reply/", {"reply": "同意"})
    assert reply.status_code == 302
    form = {
        "expected_state": "consultation",
        "grant": "yes",
        "reasons": "",
        "panel_held_on": "2026-03-05",
        "judges": "3",
    }
    with time_machine.travel(DECIDED_AT, tick=False):
        form["otp_code"] = signing(cw.judge)  # the code of that moment
        assert judge.post(base + "decide/", form).status_code == 400
        assert judge.post(base + "decide/", {**form, "reasons": "符合条件"}).status_code == 302
        stale = judge.post(base + "decide/", {**form, "reasons": "x", "grant": "no"})
    assert stale.status_code == 409
    page = judge.get(base).content.decode()
    assert 'id="deliveries"' in page
    # The court's decision is signed for the court with the judge's one-time password.
    assert 'data-status="valid"' in page
    assert world.client_for(world.clerk_a).post(base + "decide/", form).status_code == 403


def test_court_opens_a_case_from_the_offender_screen(world, cw) -> None:
    url = f"/approvals/court/offenders/{cw.defendant.pk}/open/"
    clerk = world.client_for(cw.clerk)
    assert clerk.get(url).status_code == 200
    data = {
        "origin": "application",
        "applicant_name": "王五",
        "applied_on": "2026-03-03",
        "custody": "detained",
        "executing_organ": str(world.dc.pk),
        "ground_medical": "on",
    }
    response = clerk.post(url, data)
    assert response.status_code == 302
    case = Case.objects.get(path="A")
    assert response["Location"] == f"/approvals/court/cases/{case.pk}/"
    assert clerk.post(url, data).status_code == 400  # already open (Art 17)
    assert world.client_for(cw.other_judge).get(url).status_code == 404
    assert world.client_for(world.clerk_a).get(url).status_code == 403


# T-A06


def test_granted_court_case_is_handed_over_by_the_dc_and_received_art_19(world, cw) -> None:
    """The detention centre receives the decision, releases the defendant to the
    community-correction institution and the officer registers the reception (P2014 Art 19;
    CCL Arts 21-22). Residence re-verification and the prison's reform record (P2014 Art 15,
    Prison Law Art 27) do not apply on the court path."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from supervision.services import (
        hand_over_record,
        reception_register,
        release,
        release_prepare,
        release_record_save,
    )
    from tests.cases.steps import PDF

    case = _consulted(world, cw)
    decision = _decide(cw, case)
    delivery = decision.deliveries.get(purpose=Delivery.Purpose.INSTITUTION)
    with time_machine.travel(dt.datetime(2026, 3, 9, 10, tzinfo=SH), tick=False):
        delivery_receipt_record(delivery_id=delivery.pk, actor=cw.dc_clerk)
        release_prepare(case_id=case.pk, actor=cw.dc_clerk, expected_state=CaseState.APPROVED)
        release_record_save(
            case_id=case.pk,
            actor=cw.dc_clerk,
            data={
                "decision_served_on": dt.date(2026, 3, 9),
                "cci_notified_on": dt.date(2026, 3, 9),
                "escort_officers": "看守所民警",
            },
            obligations_notice=SimpleUploadedFile("告知书.pdf", PDF, "application/pdf"),
        )
        release(case_id=case.pk, actor=cw.dc_clerk, expected_state="release_preparation")
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, tzinfo=SH), tick=False):
        hand_over_record(
            case_id=case.pk,
            actor=cw.dc_clerk,
            handed_over_at=dt.datetime(2026, 3, 10, 9, tzinfo=SH),
            place="市看守所",
            institution_signatory="看守所民警",
            cci_signatory="社区矫正工作人员",
            documents="暂予监外执行决定书及被告人档案",
            condition="",
            signed_record=SimpleUploadedFile("交接.pdf", PDF, "application/pdf"),
        )
        reception_register(
            case_id=case.pk,
            actor=world.officer,
            expected_state=CaseState.ESCORT,
            file_number="西矫〔2026〕3号",
            documents_checked=True,
            identity_verified=True,
            file_opened=True,
            rules_announced=True,
        )
    case.refresh_from_db()
    assert case.state == CaseState.UNDER_SUPERVISION
    assert Deadline.objects.get(kind="D-14").status == DeadlineStatus.MET
    assert Deadline.objects.get(kind="D-12").status == DeadlineStatus.MET


def test_the_court_lists_its_defendants_and_nobody_else_sees_the_list(
    world, cw, django_assert_max_num_queries
) -> None:
    _open(world, cw)
    client = world.client_for(cw.judge)
    with django_assert_max_num_queries(12):
        page = client.get("/approvals/court/")
    body = page.content.decode()
    assert page.status_code == 200 and cw.defendant.name in body
    assert world.client_for(world.clerk_a).get("/approvals/court/").status_code == 403


def test_a_published_court_decision_cites_article_18_not_14(world, cw) -> None:
    from approvals.models import Publication

    decision = _decide(cw, _consulted(world, cw))
    body = Publication.objects.get(decision=decision).body
    assert "第十八条" in body and "第十四条" not in body
    assert cw.defendant.name not in body  # masked (docs/publication-policy.md)


def test_the_court_assesses_on_its_own_screens_art_9_17(world, cw) -> None:
    """T-A02 through the court page: the rules run by the court, the designated hospital's
    certificate and the doctors' recusals recorded, the assessment recorded."""
    from cases.models import IllnessCatalogueItem
    from tests.cases.steps import catalogue_item

    catalogue_item()
    case = _open(world, cw)
    clerk = world.client_for(cw.clerk)
    base = f"/approvals/court/cases/{case.pk}/"
    facts = {
        "facts-social_danger": "no",
        "facts-self_injury": "no",
        "facts-refuses_treatment": "no",
    }

    def step(name: str) -> None:
        case.refresh_from_db()
        response = clerk.post(base + "advance/", {"expected_state": case.state, "step": name})
        assert response.status_code == 302, response.content.decode()[-3000:]

    def assess() -> int:
        case.refresh_from_db()
        return int(
            clerk.post(base + "eligibility/", {**facts, "expected_state": case.state}).status_code
        )

    assert assess() == 302
    step("screen")
    step("start_assessment")
    page = clerk.get(base).content.decode()
    assert 'id="record-certificate"' in page and 'id="record-recusal"' in page
    item = IllnessCatalogueItem.objects.filter(version="2014").first()
    certificate = {
        "certificate-kind": "diagnosis",
        "certificate-hospital": str(world.hospital.pk),
        "certificate-issued_on": "2026-03-04",
        "certificate-catalogue_item": str(item.pk),
        "certificate-doctor_1": "李医生",
        "certificate-doctor_1_title": "chief",
        "certificate-doctor_2": "王医生",
        "certificate-doctor_2_title": "deputy_chief",
        "certificate-vice_president_signed": "on",
        "certificate-sealed": "on",
        "certificate-records_attached": "on",
    }
    assert clerk.post(base + "records/certificate/", certificate).status_code == 302
    for name in ("李医生", "王医生"):
        recusal = {
            "recusal-person_name": name,
            "recusal-capacity": "医生",
            "recusal-declared_on": "2026-03-04",
            "recusal-no_conflict": "on",
        }
        assert clerk.post(base + "records/recusal/", recusal).status_code == 302
    assert assess() == 302
    step("record_assessment")
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSED
    # Nobody outside the court takes these steps; an unknown record kind does not exist.
    assert world.client_for(world.clerk_a).post(base + "eligibility/", facts).status_code == 403
    assert clerk.post(base + "records/guarantor/", {}).status_code == 404


def test_the_court_s_eligibility_form_on_a_stale_page_is_refused_409(world, cw) -> None:
    """The court's eligibility form says which state of the case it showed: a case moved on
    since is a stale page (409, non-negotiable 4), nothing stored; a form without it is
    refused (400)."""
    from cases.models import EligibilityAssessment

    case = _open(world, cw)
    clerk = world.client_for(cw.clerk)
    base = f"/approvals/court/cases/{case.pk}/"
    page = clerk.get(base).content.decode()
    assert f'name="expected_state" value="{case.state}"' in page
    facts = {
        "facts-social_danger": "no",
        "facts-self_injury": "no",
        "facts-refuses_treatment": "no",
    }
    shown = case.state
    Case.objects.filter(pk=case.pk).update(state=CaseState.SCREENED)
    stale = clerk.post(
        base + "eligibility/", {**facts, "expected_state": shown}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert stale.status_code == 409
    assert "Someone else has just changed this case" in stale.content.decode()
    assert clerk.post(base + "eligibility/", facts).status_code == 400
    assert not EligibilityAssessment.objects.filter(case=case).exists()
    fresh = clerk.post(base + "eligibility/", {**facts, "expected_state": CaseState.SCREENED})
    assert fresh.status_code == 302
