"""The demo data set of `make run`: one province with every kind of organisation and a user
for every role. Idempotent: running it again changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from cases.identity import identity_check_character
from cases.models import Offender
from cases.services import case_open, offender_register
from kernel.accounts.models import Organisation, ProcuratorialAssignment, RoleGrant, User
from kernel.accounts.roles import CourtLevel, Level, OrganisationType, Role

#: A minimal PDF standing in for the scans a clerk uploads.
_DEMO_PDF = b"%PDF-1.4\n% demo scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

DEMO_PASSWORD = "teop-demo-2026"  # noqa: S105 - demo accounts on a local SQLite only

T = OrganisationType


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    organisation: str
    roles: tuple[str, ...]


ORGANISATIONS: list[dict[str, object]] = [
    {
        "key": "pab",
        "name": "浙江省监狱管理局",
        "abbreviation": "浙狱",
        "type": T.PRISON_ADMINISTRATION,
        "level": Level.PROVINCE,
        "region_code": "330000",
    },
    {
        "key": "prison1",
        "name": "浙江省第一监狱",
        "abbreviation": "浙一监",
        "type": T.PRISON,
        "level": Level.CITY,
        "region_code": "330100",
        "parent": "pab",
    },
    {
        "key": "prison2",
        "name": "浙江省第二监狱",
        "abbreviation": "浙二监",
        "type": T.PRISON,
        "level": Level.CITY,
        "region_code": "330200",
        "parent": "pab",
    },
    {
        "key": "mpsb",
        "name": "杭州市公安局",
        "abbreviation": "杭公",
        "type": T.MUNICIPAL_PUBLIC_SECURITY,
        "level": Level.CITY,
        "region_code": "330100",
    },
    {
        "key": "dc",
        "name": "杭州市看守所",
        "abbreviation": "杭看",
        "type": T.DETENTION_CENTRE,
        "level": Level.CITY,
        "region_code": "330100",
        "parent": "mpsb",
    },
    {
        "key": "cpsb",
        "name": "杭州市公安局西湖区分局",
        "abbreviation": "杭西公",
        "type": T.COUNTY_PUBLIC_SECURITY,
        "level": Level.COUNTY,
        "region_code": "330106",
        "parent": "mpsb",
    },
    {
        "key": "high_court",
        "name": "浙江省高级人民法院",
        "abbreviation": "浙高法",
        "type": T.COURT,
        "level": Level.PROVINCE,
        "court_level": CourtLevel.HIGH,
        "region_code": "330000",
    },
    {
        "key": "ipc",
        "name": "杭州市中级人民法院",
        "abbreviation": "杭中法",
        "type": T.COURT,
        "level": Level.CITY,
        "court_level": CourtLevel.INTERMEDIATE,
        "region_code": "330100",
        "parent": "high_court",
    },
    {
        "key": "court",
        "name": "杭州市西湖区人民法院",
        "abbreviation": "西湖法",
        "type": T.COURT,
        "level": Level.COUNTY,
        "court_level": CourtLevel.BASIC,
        "region_code": "330106",
        "parent": "ipc",
    },
    {
        "key": "proc_prov",
        "name": "浙江省人民检察院",
        "abbreviation": "浙检",
        "type": T.PROCURATORATE,
        "level": Level.PROVINCE,
        "region_code": "330000",
    },
    {
        "key": "proc_city",
        "name": "杭州市人民检察院",
        "abbreviation": "杭检",
        "type": T.PROCURATORATE,
        "level": Level.CITY,
        "region_code": "330100",
        "parent": "proc_prov",
    },
    {
        "key": "proc_county",
        "name": "杭州市西湖区人民检察院",
        "abbreviation": "西湖检",
        "type": T.PROCURATORATE,
        "level": Level.COUNTY,
        "region_code": "330106",
        "parent": "proc_city",
    },
    {
        "key": "proc_prison1",
        "name": "浙江省人民检察院驻浙江省第一监狱检察室",
        "abbreviation": "浙检驻一监",
        "type": T.PROCURATORATE,
        "level": Level.PROVINCE,
        "region_code": "330100",
        "parent": "proc_prov",
    },
    {
        "key": "proc_prison2",
        "name": "浙江省人民检察院驻浙江省第二监狱检察室",
        "abbreviation": "浙检驻二监",
        "type": T.PROCURATORATE,
        "level": Level.PROVINCE,
        "region_code": "330200",
        "parent": "proc_prov",
    },
    {
        "key": "proc_dc",
        "name": "杭州市人民检察院驻杭州市看守所检察室",
        "abbreviation": "杭检驻看",
        "type": T.PROCURATORATE,
        "level": Level.CITY,
        "region_code": "330100",
        "parent": "proc_city",
    },
    {
        "key": "cja",
        "name": "杭州市西湖区司法局",
        "abbreviation": "西湖司",
        "type": T.JUDICIAL_ADMINISTRATION,
        "level": Level.COUNTY,
        "region_code": "330106",
    },
    {
        "key": "cci_xihu",
        "name": "杭州市西湖区社区矫正机构",
        "abbreviation": "西湖矫",
        "type": T.COMMUNITY_CORRECTION,
        "level": Level.COUNTY,
        "region_code": "330106",
        "parent": "cja",
    },
    {
        "key": "cci_yinzhou",
        "name": "宁波市鄞州区社区矫正机构",
        "abbreviation": "鄞州矫",
        "type": T.COMMUNITY_CORRECTION,
        "level": Level.COUNTY,
        "region_code": "330212",
    },
    {
        "key": "jso",
        "name": "杭州市西湖区北山街道司法所",
        "abbreviation": "北山司",
        "type": T.JUDICIAL_OFFICE,
        "level": Level.COUNTY,
        "region_code": "330106",
        "parent": "cja",
    },
    {
        "key": "hospital",
        "name": "浙江省人民医院",
        "abbreviation": "浙医",
        "type": T.DESIGNATED_HOSPITAL,
        "level": Level.PROVINCE,
        "region_code": "330100",
        "designated_from": dt.date(2020, 1, 1),
    },
]

ASSIGNMENTS = [
    ("proc_prison1", "prison1", ProcuratorialAssignment.Mode.STATIONED),
    ("proc_prison2", "prison2", ProcuratorialAssignment.Mode.STATIONED),
    ("proc_dc", "dc", ProcuratorialAssignment.Mode.STATIONED),
    ("proc_prov", "pab", ProcuratorialAssignment.Mode.SAME_LEVEL),
    ("proc_city", "mpsb", ProcuratorialAssignment.Mode.SAME_LEVEL),
    ("proc_county", "cci_xihu", ProcuratorialAssignment.Mode.SAME_LEVEL),
]

ACCOUNTS = [
    DemoAccount("clerk1", "王晓明", "prison1", (Role.PRISON_CLERK,)),
    DemoAccount("leader1", "陈建国", "prison1", (Role.PRISON_LEADER,)),
    DemoAccount("clerk2", "李静", "prison2", (Role.PRISON_CLERK,)),
    DemoAccount("dcclerk", "赵磊", "dc", (Role.PRISON_CLERK,)),
    DemoAccount("approver", "孙丽", "pab", (Role.APPROVER,)),
    DemoAccount("pabhead", "周正", "pab", (Role.APPROVING_HEAD,)),
    DemoAccount("mpsapprover", "吴刚", "mpsb", (Role.APPROVER,)),
    DemoAccount("procurator1", "郑洁", "proc_prison1", (Role.PROCURATOR,)),
    DemoAccount("procurator_prov", "冯涛", "proc_prov", (Role.PROCURATOR,)),
    DemoAccount("officer", "何芳", "cci_xihu", (Role.CORRECTION_OFFICER,)),
    DemoAccount("judge", "许诺", "court", (Role.JUDGE,)),
    DemoAccount("courtclerk", "邓琳", "court", (Role.COURT_CLERK,)),
    DemoAccount("hospital", "曹医生", "hospital", (Role.HOSPITAL_LIAISON,)),
    DemoAccount("cjahead", "钱立", "cja", (Role.JUDICIAL_ADMIN_HEAD,)),
    # The public security organ executing bail on the court path (issue 13).
    DemoAccount("psofficer", "刘警官", "cpsb", (Role.PUBLIC_SECURITY_OFFICER,)),
    DemoAccount("admin", "系统管理员", "pab", (Role.SYSTEM_ADMIN,)),
]

_GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明"]
_FAMILY = ["张", "王", "李", "刘", "陈", "杨", "黄", "吴", "周", "徐", "孙", "马"]


def demo_identity_number(region: str, birth: dt.date, sequence: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + identity_check_character(first17)


@transaction.atomic
def seed_demo() -> tuple[list[DemoAccount], bool]:
    """Create the demo set; returns the accounts and whether anything was created."""
    if Organisation.objects.filter(name="浙江省监狱管理局").exists():
        return ACCOUNTS, False
    orgs: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        data = dict(spec)
        key = str(data.pop("key"))
        parent = data.pop("parent", None)
        org = Organisation(parent=orgs[str(parent)] if parent else None, **data)
        org.full_clean()
        org.save()
        orgs[key] = org
    for proc, supervised, mode in ASSIGNMENTS:
        ProcuratorialAssignment.objects.create(
            procuratorate=orgs[proc], supervised=orgs[supervised], mode=mode
        )
    users: dict[str, User] = {}
    for account in ACCOUNTS:
        user = User.objects.create_user(
            username=account.username,
            password=DEMO_PASSWORD,
            full_name=account.full_name,
            organisation=orgs[account.organisation],
            is_staff=Role.SYSTEM_ADMIN in account.roles,
            is_superuser=Role.SYSTEM_ADMIN in account.roles,
        )
        for role in account.roles:
            RoleGrant.objects.create(user=user, role=role)
        users[account.username] = user
    _seed_offenders(users, orgs)
    _seed_signing(users)
    _seed_proposed_case(users, orgs)
    _seed_approved_case(users, orgs)
    _seed_supervised_case(users, orgs)
    _seed_external_records(users, orgs)
    _seed_rectification(users, orgs)
    return ACCOUNTS, True


def _seed_external_records(users: dict[str, User], orgs: dict[str, Organisation]) -> None:
    """Records of other organs (issue 13): the prison procuratorate imports a detention of the
    person under supervision (matched: the officer and the procurator are notified, and the
    procurator's anomaly dashboard flags it), a
    record of someone not registered here, and a row with a mistyped identity number."""
    from cases.models import Case
    from procuracy.imports.services import ImportRow, external_records_import

    case = Case.objects.filter(supervision__isnull=False).select_related("offender").first()
    if case is None:
        return
    today = timezone.localdate()
    person = case.offender
    stranger = demo_identity_number("330106", dt.date(1985, 3, 9), 517)
    rows = [
        {
            "source_ref": "XH-JL-2026-0001",
            "kind": "detention",
            "id_number": person.id_number,
            "name": person.name,
            # After the reception: the anomaly dashboard flags it (new_offence_still_listed).
            "occurred_on": today.isoformat(),
            "organ": "杭州市公安局西湖区分局",
            "details": "行政拘留十日",
        },
        {
            "source_ref": "XH-JL-2026-0002",
            "kind": "强制措施",
            "id_number": stranger,
            "name": "吴某",
            "occurred_on": (today - dt.timedelta(days=5)).isoformat(),
            "organ": "杭州市公安局西湖区分局",
            "details": "取保候审",
        },
        {
            "source_ref": "XH-JL-2026-0003",
            "kind": "detention",
            "id_number": person.id_number[:17] + ("0" if person.id_number[17] != "0" else "1"),
            "name": person.name,
            "occurred_on": today.isoformat(),
        },
    ]
    external_records_import(
        actor=users["procurator1"],
        organisation=orgs["proc_prison1"],
        source="杭州市公安局执法办案系统",
        rows=[ImportRow(n, row) for n, row in enumerate(rows, start=2)],
        channel="api",
    )


def _seed_approved_case(users: dict[str, User], orgs: dict[str, Organisation]) -> None:
    """A second case, proposed and approved by the approver with a signed decision, so the
    prison's release and hand-over and the community-correction officer's reception can be
    tried in the demo (the prison has yet to acknowledge the decision)."""
    from approvals.services import case_decide
    from cases.models import Case
    from kernel.signing.otp import demo_secret, totp_code

    offender = (
        Offender.objects.filter(custodian=orgs["prison1"], cases__isnull=True)
        .order_by("id")
        .first()
    )
    if offender is None:
        return
    case = case_open(
        actor=users["clerk1"],
        offender=offender,
        number=f"浙狱暂〔{timezone.localdate().year}〕01003号",
        opened_on=timezone.localdate() - dt.timedelta(days=30),
        ground_medical=True,
    )
    _seed_proposed_case(users, orgs, case=case)
    case = Case.objects.get(pk=case.pk)
    case_decide(
        case_id=case.pk,
        actor=users["approver"],
        approve=True,
        reasons="经审查，罪犯所患疾病属于《保外就医严重疾病范围》，保证人符合条件，依法批准。",
        committee_held_on=timezone.localdate(),
        committee_members_present=11,
        expected_state=case.state,
        otp_code=totp_code(demo_secret("approver")),
    )


def _seed_supervised_case(users: dict[str, User], orgs: dict[str, Organisation]) -> None:
    """A third case taken through the decision, the release, the hand-over and the reception
    with the services the prison and the officer use, so the officer's community-correction page
    and caseload have someone under supervision (the first three-monthly review falls due in
    three months)."""
    from approvals.models import Delivery
    from approvals.services import case_decide, delivery_receipt_record
    from cases.models import Case, CaseState
    from kernel.signing.otp import demo_secret, totp_code
    from supervision.services import (
        hand_over_record,
        reception_register,
        release,
        release_prepare,
        release_record_save,
    )

    offender = (
        Offender.objects.filter(custodian=orgs["prison1"], cases__isnull=True)
        .order_by("id")
        .first()
    )
    if offender is None:
        return
    today = timezone.localdate()
    now = timezone.now()
    case = case_open(
        actor=users["clerk1"],
        offender=offender,
        number=f"浙狱暂〔{today.year}〕01004号",
        opened_on=today - dt.timedelta(days=40),
        ground_medical=True,
    )
    _seed_proposed_case(users, orgs, case=case)
    case = Case.objects.get(pk=case.pk)
    decision = case_decide(
        case_id=case.pk,
        actor=users["approver"],
        approve=True,
        reasons="经审查，罪犯所患疾病属于《保外就医严重疾病范围》，保证人符合条件，依法批准。",
        committee_held_on=today,
        committee_members_present=11,
        expected_state=case.state,
        # The approved case above used this time step's code (a code is good once): the next
        # step's code is still accepted (clock drift, kernel.signing.otp).
        otp_code=totp_code(demo_secret("approver"), at=now + dt.timedelta(seconds=30)),
    )
    clerk, officer = users["clerk1"], users["officer"]
    delivery = decision.deliveries.get(purpose=Delivery.Purpose.INSTITUTION)
    delivery_receipt_record(delivery_id=delivery.pk, actor=clerk, received_at=timezone.now())
    release_prepare(case_id=case.pk, actor=clerk, expected_state=CaseState.APPROVED)
    release_record_save(
        case_id=case.pk,
        actor=clerk,
        data={
            "decision_served_on": today,
            "residence_verified_on": today,
            "cci_notified_on": today,
            "reform_record_sent_on": today,
            "escort_officers": "王警官、赵警官",
        },
        obligations_notice=SimpleUploadedFile("告知书.pdf", _DEMO_PDF, "application/pdf"),
    )
    release(case_id=case.pk, actor=clerk, expected_state=CaseState.RELEASE_PREPARATION)
    hand_over_record(
        case_id=case.pk,
        actor=clerk,
        handed_over_at=timezone.now(),
        place="西湖区社区矫正中心",
        institution_signatory="王警官",
        cci_signatory="何芳",
        documents="暂予监外执行决定书、告知书、病情诊断证明",
        condition="神志清楚，可自行行走",
        signed_record=SimpleUploadedFile("交接记录.pdf", _DEMO_PDF, "application/pdf"),
    )
    reception_register(
        case_id=case.pk,
        actor=officer,
        expected_state=CaseState.ESCORT,
        file_number=f"西矫〔{today.year}〕1号",
        documents_checked=True,
        identity_verified=True,
        file_opened=True,
        rules_announced=True,
    )


#: Demo users who sign decisions; `manage.py otp_code <username>` prints their current code.
SIGNERS = ("approver", "pabhead", "mpsapprover", "judge")


def _seed_signing(users: dict[str, User]) -> None:
    """The demo certificate authority, a signing certificate for every deciding organ, and a
    confirmed authenticator (a reproducible secret) for each demo signer."""
    from kernel.signing.keystore import signing_demo_setup
    from kernel.signing.otp import second_factor_demo_setup

    signing_demo_setup()
    second_factor_demo_setup([users[name] for name in SIGNERS])


def _seed_offenders(users: dict[str, User], orgs: dict[str, Organisation]) -> None:
    clerks = [("clerk1", "330106", 1), ("clerk2", "330212", 2), ("dcclerk", "330106", 3)]
    year = timezone.localdate().year
    for clerk_name, region, n in clerks:
        clerk = users[clerk_name]
        for i in range(6):
            sex = "M" if i % 3 else "F"
            sequence = 10 * i + n * 2 + (1 if sex == "M" else 0)
            birth = dt.date(1950 + 7 * i + n, 1 + i, 10 + n)
            in_dc = clerk_name == "dcclerk"
            years = 0 if in_dc else 4 + 3 * i
            start = dt.date(year - 1 - (i % 4), 3 + i, 1 + 2 * n)
            offender = offender_register(
                actor=clerk,
                offender_data={
                    "name": _FAMILY[(i + 3 * n) % len(_FAMILY)] + _GIVEN[(2 * i + n) % len(_GIVEN)],
                    "id_number": demo_identity_number(region, birth, sequence),
                    "sex": sex,
                    "date_of_birth": birth,
                    "prisoner_number": f"{n}{i + 1:05d}",
                    "residence_address": "浙江省杭州市西湖区北山街道"
                    if region == "330106"
                    else "浙江省宁波市鄞州区中河街道",
                    "residence_region_code": region,
                },
                sentence_data={
                    "judgment_number": f"({year - 2 - (i % 4)})浙0106刑初{100 + 10 * n + i}号",
                    "sentencing_court": orgs["court"],
                    "offences": ["盗窃罪", "诈骗罪", "故意伤害罪", "交通肇事罪"][i % 4],
                    "original_type": "criminal_detention" if in_dc else "fixed_term",
                    "original_years": years,
                    "original_months": 5 if in_dc else (6 if i % 2 else 0),
                    "execution_start": start,
                    "custody_days": 30 + 15 * i,
                },
            )
            if i < 2:
                case_open(
                    actor=clerk,
                    offender=offender,
                    number=f"{'浙狱' if not in_dc else '杭看'}暂〔{year}〕{n:02d}{i + 1:03d}号",
                    opened_on=timezone.localdate() - dt.timedelta(days=10 * (i + 1)),
                    ground_medical=i == 0 or sex == "M",
                    ground_pregnancy=sex == "F" and i == 0 and birth.year > 1985,
                    ground_self_care=i == 1,
                )


def demo_offender_count() -> int:
    return Offender.objects.count()


def _seed_proposed_case(
    users: dict[str, User], orgs: dict[str, Organisation], case: Any = None
) -> None:
    """Take one demo case through every step to the proposal, through the same services a
    clerk uses, so the approver's 15-working-day clock and the procurator's 10-day window run
    (and alert) in the demo."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.acts.proposal import case_advance, case_signoff
    from cases.models import (
        Case,
        Deliberation,
        Guarantor,
        IllnessCatalogueItem,
        MedicalCertificate,
        ProcuratorateCopy,
        Publicity,
        RecusalDeclaration,
        ResidenceVerification,
    )
    from cases.services.catalogue import catalogue_sync
    from cases.services.eligibility import case_assess_eligibility
    from cases.services.workflow import case_record_save, evidence_upload

    catalogue_sync()
    clerk = users["clerk1"]
    case = (
        case
        or Case.objects.filter(participants__organisation=orgs["prison1"], ground_medical=True)
        .order_by("id")
        .first()
    )
    if case is None:
        return
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    facts = {"social_danger": False, "self_injury": False, "refuses_treatment": False}

    def rec(obj: object) -> None:
        case_record_save(case_id=case.pk, actor=clerk, record=obj)  # type: ignore[arg-type]

    def go(step: str) -> None:
        case.refresh_from_db()
        case_advance(case_id=case.pk, actor=clerk, step=step, expected_state=case.state)

    case_assess_eligibility(case_id=case.pk, actor=clerk, facts=facts)
    go("screen")
    proc = orgs["proc_prison1"]
    rec(ProcuratorateCopy(stage="assessment", procuratorate=proc, sent_on=today - 20 * day))
    go("start_assessment")
    rec(
        MedicalCertificate(
            kind="diagnosis",
            hospital=orgs["hospital"],
            issued_on=today - 18 * day,
            catalogue_item=IllnessCatalogueItem.objects.get(code="2014-III-1"),
            doctor_1="钱主任",
            doctor_1_title="chief",
            doctor_2="孙副主任",
            doctor_2_title="deputy_chief",
            vice_president_signed=True,
            sealed=True,
            records_attached=True,
        )
    )
    for name in ("钱主任", "孙副主任"):
        rec(RecusalDeclaration(person_name=name, capacity="诊断医师", declared_on=today - 18 * day))
    case_assess_eligibility(case_id=case.pk, actor=clerk, facts=facts)
    go("record_assessment")
    go("prepare")
    rec(
        ResidenceVerification(
            address=case.offender.residence_address,
            region_code=case.offender.residence_region_code,
            verified_on=today - 16 * day,
            method="派员实地核实",
        )
    )
    rec(
        Guarantor(
            name="刘建华",
            id_number=demo_identity_number("330106", dt.date(1968, 4, 2), 15),
            relationship="配偶",
            proposed_by="relative",
            full_capacity_and_willing=True,
            capacity_evidence="居民身份证、本人书面保证意愿",
            freedom_not_restricted=True,
            freedom_evidence="户籍地派出所出具的证明",
            fixed_residence_and_income=True,
            residence_and_income_evidence="房屋产权证、退休金领取证明",
            residence_address=case.offender.residence_address,
            residence_region_code=case.offender.residence_region_code,
            lives_with_prisoner=True,
            residence_evidence="户口簿",
            examined_on=today - 15 * day,
            confirmed=True,
            letter_filed_on=today - 15 * day,
        )
    )
    rec(ProcuratorateCopy(stage="materials", procuratorate=proc, sent_on=today - 14 * day))
    go("ready_for_deliberation")
    rec(
        Deliberation(
            held_on=today - 13 * day,
            members_present=11,
            chaired_by="陈建国",
            propose=True,
            reasons="病情符合《保外就医严重疾病范围》，保证人符合条件",
        )
    )
    go("deliberate")
    rec(Publicity(starts_on=today - 12 * day, ends_on=today - 6 * day, place="监区公告栏"))
    go("start_publicity")
    rec(
        ProcuratorateCopy(
            stage="proposal",
            procuratorate=proc,
            sent_on=today - 2 * day,
        )
    )
    # The procuratorate signs for the proposal's copy itself: its 10 days run from then.
    from cases.acts.runner import act_run
    from procuracy.receipt.acts import PROCURATORATE_COPY_ACKNOWLEDGE

    act_run(
        PROCURATORATE_COPY_ACKNOWLEDGE,
        case_id=case.pk,
        actor=users["procurator1"],
        expected_state=None,
        copy_id=ProcuratorateCopy.objects.get(case=case, stage="proposal").pk,
        received_on=today - 2 * day,
    )
    pdf = _DEMO_PDF
    for kind in ("diagnosis_certificate", "letter_of_guarantee"):
        evidence_upload(
            case_id=case.pk,
            actor=clerk,
            kind=kind,
            # Two different scans: the same file under two kinds would be warned about.
            upload=SimpleUploadedFile(
                f"{kind}.pdf", pdf + f"% {kind}\n".encode(), "application/pdf"
            ),
        )
    # The head of the prison signs the proposal off before it goes out (legal-spec §3.6).
    case.refresh_from_db()
    case_signoff(
        case_id=case.pk, actor=users["leader1"], expected_state=case.state, reason="同意提请。"
    )
    go("submit")


def _seed_rectification(users: dict[str, User], orgs: dict[str, Organisation]) -> None:
    """An oral rectification opinion of the stationed procuratorate to the first prison, three
    days old, so the procurator's lane shows the seven days of D-25 running (procuracy
    .rectification)."""
    from cases.acts.runner import act_run
    from cases.jurisdiction import Capacity
    from cases.models import Case
    from procuracy.rectification.acts import RECTIFICATION_ORAL_ISSUE

    case = (
        Case.objects.filter(
            participants__organisation=orgs["proc_prison1"],
            participants__capacity=Capacity.PROCURATORATE,
        )
        .filter(participants__organisation=orgs["prison1"])
        .order_by("pk")
        .first()
    )
    if case is None:
        return
    act_run(
        RECTIFICATION_ORAL_ISSUE,
        case_id=case.pk,
        actor=users["procurator1"],
        expected_state=None,
        target=orgs["prison1"],
        seriousness="minor",
        issued_on=timezone.localdate() - dt.timedelta(days=3),
        illegality="病情诊断材料未按规定附具化验单原件",
        required_correction="补充化验单原件并重新报送",
    )
