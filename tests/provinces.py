"""Two provinces side by side, built with the services as the clerks would (issue #9 item 3).

`build_province("33", "浙江")` and `build_province("32", "江苏")` each make their own prison
administration, prison, detention centre, public security organs, courts, procuratorates,
community-correction institution, judicial administration and designated hospital, a user of
every role, and cases on all three paths in the states whose screens offer organisations.
Every name carries the province's label, so a page of one province that mentions anything of
the other is found by a plain substring search (`Province.markers`).

The attribute names `clerk_a`, `proc_a`, `hospital` and `approver` let the step helpers of
`tests.cases.steps` and `tests.supervision.conftest` drive this province's prison cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from approvals.court import court_advance, court_case_open, court_investigation_entrust
from approvals.models import ApprovalDecision, CourtProceeding
from cases.models import Case, Offender
from cases.services import case_open, offender_register
from cases.services.workflow import procuratorial_opinion_file
from kernel.accounts.models import Organisation, ProcuratorialAssignment, User
from kernel.accounts.roles import CourtLevel, Level, OrganisationType, Role
from tests.factories import OrganisationFactory, UserFactory, identity_number

T = OrganisationType
MODE = ProcuratorialAssignment.Mode


@dataclass
class Province:
    code: str
    label: str
    orgs: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    offenders: dict[str, Offender] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    decision: ApprovalDecision | None = None

    # The names the step helpers use.
    @property
    def clerk_a(self) -> User:
        return self.users["prison_clerk"]

    @property
    def approver(self) -> User:
        return self.users["approver"]

    @property
    def proc_a(self) -> Organisation:
        return self.orgs["proc_prison"]

    @property
    def hospital(self) -> Organisation:
        return self.orgs["hospital"]

    def markers(self) -> list[str]:
        """Text that identifies this province's data: organisation, offender and case names."""
        return [
            *(o.name for o in self.orgs.values()),
            *(o.name for o in self.offenders.values()),
            *(o.id_number for o in self.offenders.values()),
            *(c.number for c in self.cases.values()),
        ]


#: The one-character name of each province that opens its organs' official abbreviations.
PROVINCE_ABBREVIATIONS = {"33": "浙", "32": "苏"}
#: Each organ's official abbreviation after the province's character (浙狱, 苏狱, 浙区法 ...).
ABBREVIATIONS = {
    "pab": "狱",
    "prison": "一监",
    "mpsb": "公",
    "dc": "看",
    "cpsb": "区公",
    "court": "区法",
    "court_mid": "中法",
    "proc_prov": "检",
    "proc_prison": "检驻一监",
    "proc_city": "市检",
    "proc_county": "区检",
    "cci": "区矫",
    "cja": "区司",
    "hospital": "医",
}


def _orgs(p: Province) -> None:
    code, label = p.code, p.label
    province, city, county = f"{code}0000", f"{code}0100", f"{code}0106"

    def org(key: str, name: str, type_: str, level: str, region: str, **kw: object) -> None:
        p.orgs[key] = OrganisationFactory(
            name=f"{label}{name}",
            abbreviation=PROVINCE_ABBREVIATIONS[code] + ABBREVIATIONS[key],
            type=type_,
            level=level,
            region_code=region,
            **kw,
        )

    org("pab", "省监狱管理局", T.PRISON_ADMINISTRATION, Level.PROVINCE, province)
    org("prison", "第一监狱", T.PRISON, Level.CITY, city, parent=p.orgs["pab"])
    org("mpsb", "市公安局", T.MUNICIPAL_PUBLIC_SECURITY, Level.CITY, city)
    org("dc", "市看守所", T.DETENTION_CENTRE, Level.CITY, city, parent=p.orgs["mpsb"])
    org("cpsb", "区公安分局", T.COUNTY_PUBLIC_SECURITY, Level.COUNTY, county)
    org("court", "区人民法院", T.COURT, Level.COUNTY, county, court_level=CourtLevel.BASIC)
    org(
        "court_mid",
        "市中级人民法院",
        T.COURT,
        Level.CITY,
        city,
        court_level=CourtLevel.INTERMEDIATE,
    )
    org("proc_prov", "省人民检察院", T.PROCURATORATE, Level.PROVINCE, province)
    org("proc_prison", "驻第一监狱检察室", T.PROCURATORATE, Level.CITY, city)
    org("proc_city", "市人民检察院", T.PROCURATORATE, Level.CITY, city)
    org("proc_county", "区人民检察院", T.PROCURATORATE, Level.COUNTY, county)
    org("cci", "区社区矫正机构", T.COMMUNITY_CORRECTION, Level.COUNTY, county)
    org("cja", "区司法局", T.JUDICIAL_ADMINISTRATION, Level.COUNTY, county)
    org(
        "hospital",
        "省人民医院",
        T.DESIGNATED_HOSPITAL,
        Level.PROVINCE,
        city,
        designated_from=dt.date(2020, 1, 1),
    )
    o = p.orgs
    for procuratorate, supervised, mode in (
        ("proc_prison", "prison", MODE.STATIONED),
        ("proc_prov", "pab", MODE.SAME_LEVEL),
        ("proc_city", "dc", MODE.STATIONED),
        ("proc_city", "mpsb", MODE.SAME_LEVEL),
        ("proc_county", "court", MODE.SAME_LEVEL),
    ):
        ProcuratorialAssignment.objects.create(
            procuratorate=o[procuratorate], supervised=o[supervised], mode=mode
        )


#: A user of every role, and where each works.
PERSONAS = {
    "prison_clerk": ("prison", Role.PRISON_CLERK),
    "prison_leader": ("prison", Role.PRISON_LEADER),
    "dc_clerk": ("dc", Role.PRISON_CLERK),
    "approver": ("pab", Role.APPROVER),
    "approving_head": ("pab", Role.APPROVING_HEAD),
    "mps_approver": ("mpsb", Role.APPROVER),
    "procurator_prison": ("proc_prison", Role.PROCURATOR),
    "procurator_prov": ("proc_prov", Role.PROCURATOR),
    "procurator_city": ("proc_city", Role.PROCURATOR),
    "procurator_county": ("proc_county", Role.PROCURATOR),
    "officer": ("cci", Role.CORRECTION_OFFICER),
    "court_clerk": ("court", Role.COURT_CLERK),
    "judge": ("court", Role.JUDGE),
    "hospital_liaison": ("hospital", Role.HOSPITAL_LIAISON),
    "judicial_admin_head": ("cja", Role.JUDICIAL_ADMIN_HEAD),
    "public_security_officer": ("cpsb", Role.PUBLIC_SECURITY_OFFICER),
    "mid_judge": ("court_mid", Role.JUDGE),
    "sysadmin": ("pab", Role.SYSTEM_ADMIN),
}


def _users(p: Province) -> None:
    for key, (org, role) in PERSONAS.items():
        p.users[key] = UserFactory(
            username=f"{p.code}_{key}",
            full_name=f"{p.label}{key}",
            organisation=p.orgs[org],
            roles=[role],
        )


def _register(p: Province, key: str, clerk: str, seq: int, **sentence: object) -> Offender:
    county = f"{p.code}0106"
    offender = offender_register(
        actor=p.users[clerk],
        offender_data={
            "name": f"{p.label}{key}犯",
            "id_number": identity_number(region=county, sequence=seq),
            "sex": "M",
            "date_of_birth": dt.date(1970, 5, 17),
            "residence_address": f"{p.label}某区某街道",
            "residence_region_code": county,
        },
        sentence_data={
            "judgment_number": f"({p.label}2019)刑初{seq}号",
            "sentencing_court": p.orgs["court"],
            "offences": "盗窃罪",
            "original_type": "fixed_term",
            "original_years": 12,
            "original_months": 0,
            "execution_start": dt.date(2020, 1, 1),
            "custody_days": 0,
            **sentence,
        },
    )
    p.offenders[key] = offender
    return offender


def _prison_case(p: Province, key: str, seq: int) -> Case:
    offender = _register(p, key, "prison_clerk", seq)
    case = case_open(
        actor=p.clerk_a,
        offender=offender,
        number=f"{p.label}狱暂〔2026〕{seq:03d}号",
        opened_on=dt.date(2026, 3, 2),
        ground_medical=True,
    )
    p.cases[key] = case
    return case


def build_province(code: str, label: str) -> Province:
    """One province, its organisations, a user of every role and cases in the states whose
    screens offer organisations (needs the 2026 calendar loaded)."""
    from tests.cases import steps
    from tests.supervision.conftest import decide, receive

    p = Province(code=code, label=label)
    _orgs(p)
    _users(p)

    steps.to_assessment(p, _prison_case(p, "assessment", 1))  # certificate form (Art 9)
    preparation = _prison_case(p, "preparation", 3)
    steps.to_assessed(p, preparation)
    steps.advance(p, preparation, "prepare")  # investigation form (Art 8 ¶2)
    proposed = _prison_case(p, "proposed", 5)
    steps.to_publicity(p, proposed)
    steps.attach_dossier(p, proposed)
    steps.advance(p, proposed, "submit")
    Case.objects.filter(pk=proposed.pk).update(filing_required=True)  # filing form (Art 2 ¶2)
    procuratorial_opinion_file(
        case_id=proposed.pk,
        actor=p.users["procurator_prison"],
        issued_on=dt.date(2026, 3, 18),
        conforms=True,
        content=f"{p.label}检察意见",
        chief_approved=True,
    )
    approved = _prison_case(p, "approved", 7)
    steps.to_publicity(p, approved)
    steps.attach_dossier(p, approved)
    steps.advance(p, approved, "submit")
    p.decision = decide(p, approved)
    receive(p, p.decision)

    dc_offender = _register(p, "detention", "dc_clerk", 9)
    p.cases["detention"] = case_open(
        actor=p.users["dc_clerk"],
        offender=dc_offender,
        number=f"{p.label}看暂〔2026〕009号",
        opened_on=dt.date(2026, 3, 2),
        ground_self_care=True,
    )

    defendant = _register(
        p,
        "court",
        "dc_clerk",
        11,
        judgment_effective_on=dt.date(2026, 3, 2),
        execution_start=dt.date(2025, 11, 2),
        original_years=3,
    )
    court_case = court_case_open(
        actor=p.users["court_clerk"],
        offender=defendant,
        origin=CourtProceeding.Origin.APPLICATION,
        applicant_name=defendant.name,
        applied_on=dt.date(2026, 3, 3),
        custody=CourtProceeding.Custody.DETAINED,
        executing_organ=p.orgs["dc"],
        ground_medical=True,
        opened_on=dt.date(2026, 3, 3),
        number=f"{p.label}法暂〔2026〕011号",
    )
    steps.assessed_eligible(court_case)
    for step in ("screen", "start_assessment"):  # the court's certificate form (Art 17)
        court_case.refresh_from_db()
        court_advance(
            case_id=court_case.pk,
            actor=p.users["court_clerk"],
            step=step,
            expected_state=court_case.state,
        )
    p.cases["court"] = court_case
    court_investigation_entrust(  # T-A03: the residence's institution investigates (CCL Art 18)
        case_id=court_case.pk,
        actor=p.users["court_clerk"],
        expected_state=None,
        entrusted_to=p.orgs["cci"],
        request=f"{p.label}调查评估委托",
        entrusted_on=dt.date(2026, 3, 4),
    )
    for case in p.cases.values():
        case.refresh_from_db()
    return p
