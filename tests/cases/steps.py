"""Helpers that fill the case file step by step, as a clerk would (used by workflow tests)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from cases.acts.proposal import PRISON_HEAD_SIGNOFF, case_advance, case_signoff
from cases.jurisdiction import Capacity
from cases.models import (
    Case,
    Deliberation,
    EligibilityAssessment,
    Guarantor,
    IllnessCatalogueItem,
    MedicalCertificate,
    ProcuratorateCopy,
    Publicity,
    RecusalDeclaration,
    ResidenceVerification,
)
from cases.services.workflow import case_record_save, evidence_upload
from kernel.accounts.models import User
from kernel.accounts.roles import Role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


#: The steps that send the proposal out: the head of the institution signs it off first.
SUBMISSIONS = frozenset({"submit", "submit_emergency"})


def head_of(case: Case) -> User:
    """A leader of the institution holding the case (made on first use)."""
    from tests.factories import UserFactory

    institution = case.participant(Capacity.INSTITUTION)
    head = User.objects.filter(
        organisation=institution, role_grants__role=Role.PRISON_LEADER
    ).first()
    return head or UserFactory(organisation=institution, roles=[Role.PRISON_LEADER])


def sign_off(case: Case) -> None:
    """The head's sign-off before the submission (P2014 Art 13 ¶2; legal-spec §3.6)."""
    case.refresh_from_db()
    signed = Case.objects.filter(pk=case.pk, signoff__isnull=False).exists()
    if not signed and case.state in PRISON_HEAD_SIGNOFF.states:  # type: ignore[operator]
        case_signoff(case_id=case.pk, actor=head_of(case), expected_state=case.state)


def advance(world, case: Case, step: str, **kw) -> Case:
    if step in SUBMISSIONS:
        sign_off(case)
    case.refresh_from_db()
    return case_advance(
        case_id=case.pk, actor=world.clerk_a, step=step, expected_state=case.state, **kw
    )


def record(world, case: Case, obj) -> None:
    case_record_save(case_id=case.pk, actor=world.clerk_a, record=obj)


def upload(world, case: Case, kind: str) -> None:
    evidence_upload(
        case_id=case.pk,
        actor=world.clerk_a,
        kind=kind,
        upload=SimpleUploadedFile(f"{kind}.pdf", PDF, "application/pdf"),
    )


def assessed_eligible(case: Case, outcome: str = "eligible") -> None:
    EligibilityAssessment.objects.create(
        case=case,
        assessed_on=dt.date(2026, 3, 2),
        assessed_by="test",
        ruleset_version="t",
        outcome=outcome,
        inputs={},
        result={},
    )


def catalogue_item() -> IllnessCatalogueItem:
    item, _ = IllnessCatalogueItem.objects.get_or_create(
        code="2014-III-1",
        defaults={
            "version": "2014",
            "category": "III",
            "name_zh": "心功能不全",
            "name_en": "Cardiac insufficiency",
            "confirmed": True,
        },
    )
    return item


def to_assessment(world, case: Case) -> None:
    assessed_eligible(case)
    advance(world, case, "screen")
    record(
        world,
        case,
        ProcuratorateCopy(
            stage="assessment", procuratorate=world.proc_a, sent_on=dt.date(2026, 3, 3)
        ),
    )
    advance(world, case, "start_assessment")


def valid_certificate(world, **overrides) -> MedicalCertificate:
    data = {
        "kind": "diagnosis",
        "hospital": world.hospital,
        "issued_on": dt.date(2026, 3, 5),
        "catalogue_item": catalogue_item(),
        "doctor_1": "李医生",
        "doctor_1_title": "chief",
        "doctor_2": "王医生",
        "doctor_2_title": "deputy_chief",
        "vice_president_signed": True,
        "sealed": True,
        "records_attached": True,
    }
    data.update(overrides)
    return MedicalCertificate(**data)


def to_assessed(world, case: Case, **certificate) -> None:
    to_assessment(world, case)
    record(world, case, valid_certificate(world, **certificate))
    for name in ("李医生", "王医生"):
        record(
            world,
            case,
            RecusalDeclaration(person_name=name, capacity="医生", declared_on=dt.date(2026, 3, 5)),
        )
    assessed_eligible(case)  # re-run with the diagnosis (T-B04)
    advance(world, case, "record_assessment")


def to_ready(world, case: Case) -> None:
    to_assessed(world, case)
    advance(world, case, "prepare")
    record(
        world,
        case,
        ResidenceVerification(
            address="杭州市西湖区北山街道1号",
            region_code="330106",
            verified_on=dt.date(2026, 3, 6),
            method="派员实地核实",
        ),
    )
    record(
        world,
        case,
        Guarantor(
            name="张父",
            id_number="330106195001010011",
            relationship="父亲",
            proposed_by="relative",
            full_capacity_and_willing=True,
            capacity_evidence="居民身份证、书面保证意愿",
            freedom_not_restricted=True,
            freedom_evidence="派出所证明",
            fixed_residence_and_income=True,
            residence_and_income_evidence="房产证、工资证明",
            residence_address="杭州市西湖区北山街道1号",
            residence_region_code="330106",
            residence_evidence="户口簿",
            examined_on=dt.date(2026, 3, 7),
            confirmed=True,
            letter_filed_on=dt.date(2026, 3, 8),
        ),
    )
    record(
        world,
        case,
        ProcuratorateCopy(
            stage="materials", procuratorate=world.proc_a, sent_on=dt.date(2026, 3, 9)
        ),
    )
    advance(world, case, "ready_for_deliberation")


def to_deliberated(world, case: Case) -> None:
    to_ready(world, case)
    record(
        world,
        case,
        Deliberation(
            held_on=dt.date(2026, 3, 10),
            members_present=9,
            chaired_by="陈监狱长",
            propose=True,
            reasons="符合保外就医条件",
        ),
    )
    advance(world, case, "deliberate")


def to_publicity(world, case: Case, ends_on: dt.date = dt.date(2026, 3, 16)) -> None:
    to_deliberated(world, case)
    record(
        world, case, Publicity(starts_on=dt.date(2026, 3, 11), ends_on=ends_on, place="监区公告栏")
    )
    advance(world, case, "start_publicity")


def attach_dossier(world, case: Case) -> None:
    record(
        world,
        case,
        ProcuratorateCopy(
            stage="proposal",
            procuratorate=world.proc_a,
            sent_on=dt.date(2026, 3, 17),
        ),
    )
    upload(world, case, "diagnosis_certificate")
    upload(world, case, "letter_of_guarantee")


def wrong_certificate(world) -> MedicalCertificate:
    """A certificate entered in error: a wrong (later) date and two doctors below
    deputy-senior title, whose recusal declarations the rules then ask for (Art 9 ¶3)."""
    return valid_certificate(
        world,
        issued_on=dt.date(2026, 3, 25),
        doctor_1="赵医生",
        doctor_1_title="attending",
        doctor_2="钱医生",
        doctor_2_title="resident",
    )


def with_wrong_certificate(world, case: Case) -> MedicalCertificate:
    """The case under assessment with the wrong certificate on file."""
    to_assessment(world, case)
    record(world, case, wrong_certificate(world))
    return case.certificates.get(doctor_1="赵医生")
