"""From the application to the proposal (legal-spec §3.1-3.2): every refusal names its
article, a failed step changes nothing, and two clerks acting at once cannot both win."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from cases.acts.proposal import case_advance
from cases.models import CaseState, Objection, ProposalSubmission
from cases.services.workflow import CaseConflict, TransitionRefused
from kernel.audit.models import AuditEvent
from kernel.deadlines.models import Deadline
from kernel.notices.models import Notice

from .steps import (
    advance,
    assessed_eligible,
    attach_dossier,
    record,
    sign_off,
    to_assessment,
    to_deliberated,
    to_publicity,
    to_ready,
    upload,
    valid_certificate,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _refusal(world, case, step) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as exc:
        advance(world, case, step)
    return exc.value


def _articles(refusal: TransitionRefused) -> set[str]:
    return {r.article for r in refusal.requirements}


def test_screening_needs_an_eligibility_assessment(world) -> None:
    refusal = _refusal(world, world.case_a, "screen")
    assert _articles(refusal) == {"P2014 Arts 5-7, 33"}


def test_an_ineligible_assessment_stops_the_case(world) -> None:
    assessed_eligible(world.case_a, outcome="ineligible")
    assert "ineligible" in str(_refusal(world, world.case_a, "screen"))


def test_assessment_needs_the_procuratorate_informed(world) -> None:
    assessed_eligible(world.case_a)
    advance(world, world.case_a, "screen")
    assert _articles(_refusal(world, world.case_a, "start_assessment")) == {"P2014 Art 8 ¶3"}


@pytest.mark.parametrize(
    ("override", "fragment"),
    [
        ({"doctor_2_title": "attending"}, "deputy-senior"),
        ({"vice_president_signed": False}, "vice-president"),
        ({"sealed": False}, "seal"),
        ({"records_attached": False}, "laboratory"),
        ({"issued_on": dt.date(2019, 12, 31)}, "not a designated hospital"),
        ({"catalogue_item": None}, "2014 Scope"),
    ],
)
def test_certificate_formalities_of_article_9(world, override, fragment) -> None:
    case = world.case_a
    to_assessment(world, case)
    record(world, case, valid_certificate(world, **override))
    refusal = _refusal(world, case, "record_assessment")
    assert any(fragment in str(r.message) for r in refusal.requirements), refusal
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSMENT


def test_every_doctor_declares_no_conflict(world) -> None:
    case = world.case_a
    to_assessment(world, case)
    record(world, case, valid_certificate(world))
    refusal = _refusal(world, case, "record_assessment")
    recusals = [r for r in refusal.requirements if r.article == "P2014 Art 9 ¶3"]
    assert len(recusals) == 2


def test_rules_are_run_again_with_the_diagnosis(world) -> None:
    case = world.case_a
    to_assessment(world, case)
    record(world, case, valid_certificate(world))
    refusal = _refusal(world, case, "record_assessment")
    assert "P2014 Arts 5-7, 9, 33" in _articles(refusal)


def test_deliberation_needs_residence_guarantor_and_materials_copy(world) -> None:
    from .steps import to_assessed

    case = world.case_a
    to_assessed(world, case)
    advance(world, case, "prepare")
    refusal = _refusal(world, case, "ready_for_deliberation")
    assert _articles(refusal) == {"P2014 Art 8 ¶2; CCL Art 17", "P2014 Art 10", "P2014 Art 13 ¶3"}


def test_deliberation_needs_a_quorum_and_a_reasoned_discretion(world) -> None:
    from cases.models import Deliberation

    case = world.case_a
    to_ready(world, case)
    assessed_eligible(case, outcome="needs_discretion")
    # Below quorum the record itself is refused, with the step's rule (issue 14).
    with pytest.raises(ValidationError, match="MOJ 2016 Art 3"):
        record(
            world,
            case,
            Deliberation(
                held_on=dt.date(2026, 3, 10),
                members_present=7,
                chaired_by="x",
                propose=True,
                reasons="y",
            ),
        )
    record(
        world,
        case,
        Deliberation(
            held_on=dt.date(2026, 3, 10),
            members_present=9,
            chaired_by="x",
            propose=True,
            reasons="y",
        ),
    )
    assert _articles(_refusal(world, case, "deliberate")) == {"P2014 Art 7 ¶2-3"}


def test_open_objection_blocks_submission_until_examined(world) -> None:
    case = world.case_a
    to_publicity(world, case)
    attach_dossier(world, case)
    record(
        world,
        case,
        Objection(received_on=dt.date(2026, 3, 12), objector="罪犯李某", content="病情不实"),
    )
    advance(world, case, "receive_objection")
    objection = case.objections.get()
    with time_machine.travel(dt.datetime(2026, 3, 20, 10, tzinfo=SH), tick=False):
        assert _articles(_refusal(world, case, "dismiss_objection")) == {"P2014 Art 13 ¶2"}
        objection.examined_on = dt.date(2026, 3, 13)
        objection.established = False
        objection.finding = "经复查，病情属实"
        record(world, case, objection)
        advance(world, case, "dismiss_objection")
        advance(world, case, "submit")
    case.refresh_from_db()
    assert case.state == CaseState.PROPOSED


def test_established_objection_ends_the_case(world) -> None:
    case = world.case_a
    to_publicity(world, case)
    record(
        world,
        case,
        Objection(
            received_on=dt.date(2026, 3, 12),
            objector="x",
            content="y",
            examined_on=dt.date(2026, 3, 13),
            established=True,
            finding="属实",
        ),
    )
    # An objection already examined is no longer open, so it is not "received" for review.
    assert _refusal(world, case, "receive_objection")
    record(world, case, Objection(received_on=dt.date(2026, 3, 13), objector="z", content="w"))
    advance(world, case, "receive_objection")
    advance(world, case, "uphold_objection")
    case.refresh_from_db()
    assert case.state == CaseState.NOT_PROPOSED


def test_submission_waits_for_the_end_of_publicity(world) -> None:
    case = world.case_a
    to_publicity(world, case, ends_on=dt.date(2026, 3, 16))
    attach_dossier(world, case)
    with time_machine.travel(dt.datetime(2026, 3, 16, 10, tzinfo=SH), tick=False):
        assert _articles(_refusal(world, case, "submit")) == {"P2014 Art 13 ¶1-2"}


def test_happy_path_b_submits_and_opens_the_15_working_day_clock(world) -> None:
    case = world.case_a
    to_publicity(world, case)
    attach_dossier(world, case)
    with time_machine.travel(dt.datetime(2026, 3, 17, 15, tzinfo=SH), tick=False):
        advance(world, case, "submit")
    case.refresh_from_db()
    assert case.state == CaseState.PROPOSED
    submission = ProposalSubmission.objects.get(case=case)
    assert submission.approving_authority == world.pab
    form = submission.approval_form
    assert form is not None
    assert form.title == "暂予监外执行审批表"
    assert len(form.sha256) == 64
    assert form.file.read().startswith(b"%PDF")
    d04 = Deadline.objects.get(kind="D-04")
    assert d04.due_date == dt.date(2026, 4, 8)  # 15 WD from 03-17; Qingming 04-04..06 skipped
    assert d04.responsible_organisation == world.pab
    assert Notice.objects.filter(recipient=world.approver).exists()
    # The procurator's 10 days (D-09) run from the procuratorate's own acknowledgement of the
    # copy (tests/procuracy/test_receipt_*); until then the prison's soft clock D-09a runs.
    assert not Deadline.objects.filter(kind="D-09").exists()
    # one per copy sent (assessment, materials, proposal)
    d09a = Deadline.objects.filter(kind="D-09a")
    assert d09a.count() == 3
    assert {d.responsible_organisation for d in d09a} == {world.prison_a}
    assert AuditEvent.objects.filter(action="case.submit", to_state="proposed").exists()


def test_submission_needs_the_written_opinion_copied_and_the_scans(world) -> None:
    case = world.case_a
    to_publicity(world, case)
    with time_machine.travel(dt.datetime(2026, 3, 20, 10, tzinfo=SH), tick=False):
        refusal = _refusal(world, case, "submit")
    assert _articles(refusal) == {"P2014 Art 13 ¶3", "P2014 Art 13 ¶2"}
    assert len(refusal.requirements) == 3  # copy, certificate scan, letter of guarantee


def test_emergency_path_skips_publicity_only_for_immediate_medical_parole(world) -> None:
    case = world.case_a
    to_deliberated(world, case)
    attach_dossier(world, case)
    assert "P2014 Art 13 ¶1" in _articles(_refusal(world, case, "submit_emergency"))
    cert = case.certificates.get()
    cert.must_release_immediately = True
    cert.save()
    advance(world, case, "submit_emergency")
    case.refresh_from_db()
    assert case.state == CaseState.PROPOSED
    assert case.publicity_waived is True
    assert ProposalSubmission.objects.get(case=case).emergency is True


def test_detention_centre_path_goes_to_the_municipal_public_security(world) -> None:
    from cases.services import case_open
    from kernel.accounts.roles import Role
    from tests.conftest import _register
    from tests.factories import UserFactory

    dc_clerk = UserFactory(username="dc_clerk", organisation=world.dc, roles=[Role.PRISON_CLERK])
    offender = _register(dc_clerk, "看守所罪犯", 31)
    case = case_open(
        actor=dc_clerk,
        offender=offender,
        number="杭看暂〔2026〕1号",
        opened_on=dt.date(2026, 3, 2),
        ground_self_care=True,
    )
    assert case.path == "C"
    deciding = case.participants.get(capacity="decision_organ").organisation
    assert deciding == world.mpsb


def test_a_failed_step_leaves_the_case_unchanged(world) -> None:
    case = world.case_a
    events = AuditEvent.objects.count()
    with pytest.raises(TransitionRefused):
        advance(world, case, "screen")
    case.refresh_from_db()
    assert case.state == CaseState.INITIATED
    assert AuditEvent.objects.count() == events


def test_only_the_filing_institutions_clerk_acts(world) -> None:
    assessed_eligible(world.case_a)
    for user in (world.leader_a, world.clerk_b, world.procurator_a):
        with pytest.raises(PermissionDenied):
            case_advance(
                case_id=world.case_a.pk, actor=user, step="screen", expected_state="initiated"
            )


def test_acting_on_a_stale_page_is_a_conflict(world) -> None:
    assessed_eligible(world.case_a)
    advance(world, world.case_a, "screen")
    with pytest.raises(CaseConflict):
        case_advance(
            case_id=world.case_a.pk,
            actor=world.clerk_a,
            step="not_propose",
            expected_state="initiated",
            reason="x",
        )


@pytest.mark.django_db(transaction=True)
def test_two_clerks_at_once_exactly_one_wins(world) -> None:
    from kernel.accounts.roles import Role
    from tests.factories import UserFactory

    second = UserFactory(
        username="clerk_a2", organisation=world.prison_a, roles=[Role.PRISON_CLERK]
    )
    assessed_eligible(world.case_a)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(user, step, reason="") -> None:
        try:
            barrier.wait()
            case_advance(
                case_id=world.case_a.pk,
                actor=user,
                step=step,
                expected_state="initiated",
                reason=reason,
            )
            outcomes.append("won")
        except CaseConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(world.clerk_a, "screen")),
        threading.Thread(target=act, args=(second, "not_propose", "家属撤回申请")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "won"]
    world.case_a.refresh_from_db()
    assert world.case_a.state in (CaseState.SCREENED, CaseState.NOT_PROPOSED)
    assert AuditEvent.objects.filter(action__in=["case.screen", "case.not_propose"]).count() == 1


def test_uploads_are_checked_by_content_not_name(world) -> None:
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.services.workflow import evidence_upload

    with pytest.raises(ValidationError, match="PDF, JPEG and PNG"):
        evidence_upload(
            case_id=world.case_a.pk,
            actor=world.clerk_a,
            kind="medical_record",
            upload=SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        )
    with pytest.raises(ValidationError, match="empty"):
        evidence_upload(
            case_id=world.case_a.pk,
            actor=world.clerk_a,
            kind="medical_record",
            upload=SimpleUploadedFile("scan.pdf", b"", "application/pdf"),
        )
    upload(world, world.case_a, "medical_record")
    evidence = world.case_a.evidence.get()
    assert evidence.content_type == "application/pdf"
    assert len(evidence.sha256) == 64


def test_upload_size_limit(world, settings) -> None:
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.services.workflow import evidence_upload

    settings.TEOP_MAX_UPLOAD_BYTES = 1024 * 1024
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1)
    with pytest.raises(ValidationError, match="too large"):
        evidence_upload(
            case_id=world.case_a.pk,
            actor=world.clerk_a,
            kind="medical_record",
            upload=SimpleUploadedFile("big.pdf", big, "application/pdf"),
        )


def test_materials_must_reach_the_procuratorate_before_the_deliberation(world) -> None:
    from cases.models import Deliberation

    case = world.case_a
    to_ready(world, case)
    record(
        world,
        case,
        Deliberation(
            held_on=dt.date(2026, 3, 8),
            members_present=9,
            chaired_by="x",
            propose=True,
            reasons="y",
        ),
    )
    refusal = _refusal(world, case, "deliberate")  # materials were sent on 03-09
    assert "after the deliberation" in str(refusal)


def test_proposal_copy_cannot_predate_the_decision_to_propose(world) -> None:
    from cases.models import ProcuratorateCopy

    case = world.case_a
    to_deliberated(world, case)  # deliberation on 03-10
    record(
        world,
        case,
        ProcuratorateCopy(
            stage="proposal", procuratorate=world.proc_a, sent_on=dt.date(2026, 3, 9)
        ),
    )
    assert "before the decision to propose" in str(_refusal(world, case, "submit_emergency"))


def test_happy_path_c_detention_centre_to_municipal_public_security(world) -> None:
    from cases.acts.proposal import case_advance
    from cases.models import (
        Deliberation,
        ProcuratorateCopy,
        Publicity,
        RecusalDeclaration,
        ResidenceVerification,
        SelfCareIdentification,
    )
    from cases.services import case_open
    from cases.services.workflow import case_record_save
    from kernel.accounts.models import ProcuratorialAssignment
    from kernel.accounts.roles import OrganisationType, Role
    from tests.conftest import _register
    from tests.factories import OrganisationFactory, UserFactory

    proc_dc = OrganisationFactory(name="驻看守所检察室", type=OrganisationType.PROCURATORATE)
    ProcuratorialAssignment.objects.create(
        procuratorate=proc_dc, supervised=world.dc, mode="stationed"
    )
    clerk = UserFactory(username="dc_clerk", organisation=world.dc, roles=[Role.PRISON_CLERK])
    mps_head = UserFactory(
        username="mps_head", organisation=world.mpsb, roles=[Role.APPROVING_HEAD]
    )
    offender = _register(clerk, "看守所罪犯", 41)
    case = case_open(
        actor=clerk, offender=offender, opened_on=dt.date(2026, 3, 2), ground_self_care=True
    )

    def rec(obj) -> None:
        case_record_save(case_id=case.pk, actor=clerk, record=obj)

    def go(step: str) -> None:
        case.refresh_from_db()
        case_advance(case_id=case.pk, actor=clerk, step=step, expected_state=case.state)

    assessed_eligible(case)
    go("screen")
    rec(ProcuratorateCopy(stage="assessment", procuratorate=proc_dc, sent_on=dt.date(2026, 3, 3)))
    go("start_assessment")
    rec(
        SelfCareIdentification(
            identified_on=dt.date(2026, 3, 4),
            members="赵医生\n钱医生\n孙所长",
            medical_members=2,
            signed_by_all=True,
            signed_by_head=True,
            activities_needing_help=["eating", "toileting", "moving"],
            cause="illness",
            observation_start=dt.date(2025, 8, 1),
        )
    )
    for name in ("赵医生", "钱医生", "孙所长"):
        rec(
            RecusalDeclaration(
                person_name=name, capacity="鉴别小组", declared_on=dt.date(2026, 3, 4)
            )
        )
    assessed_eligible(case)
    go("record_assessment")
    go("prepare")
    rec(
        ResidenceVerification(
            address="杭州市西湖区",
            region_code="330106",
            verified_on=dt.date(2026, 3, 5),
            method="实地核实",
        )
    )
    rec(ProcuratorateCopy(stage="materials", procuratorate=proc_dc, sent_on=dt.date(2026, 3, 6)))
    go("ready_for_deliberation")  # no guarantor: not a medical-parole case
    rec(
        Deliberation(
            held_on=dt.date(2026, 3, 9),
            members_present=9,
            chaired_by="所长",
            propose=True,
            reasons="生活不能自理",
        )
    )
    go("deliberate")
    rec(Publicity(starts_on=dt.date(2026, 3, 10), ends_on=dt.date(2026, 3, 14), place="监室"))
    go("start_publicity")
    rec(ProcuratorateCopy(stage="proposal", procuratorate=proc_dc, sent_on=dt.date(2026, 3, 16)))
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.services.workflow import evidence_upload

    evidence_upload(
        case_id=case.pk,
        actor=clerk,
        kind="identification_opinion",
        upload=SimpleUploadedFile("op.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
    )
    sign_off(case)  # by the head of the detention centre
    with time_machine.travel(dt.datetime(2026, 3, 16, 10, tzinfo=SH), tick=False):
        go("submit")
    case.refresh_from_db()
    assert case.state == CaseState.PROPOSED
    assert ProposalSubmission.objects.get(case=case).approving_authority == world.mpsb
    assert (
        Deadline.objects.get(kind="D-04", subject_id=case.pk).responsible_organisation == world.mpsb
    )
    assert Notice.objects.filter(recipient=mps_head).exists()
