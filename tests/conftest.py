"""The fixed cast (house style rule 8): one small world with a persona per role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client

from cases.models import Case, Offender
from cases.services import case_open, offender_register
from kernel.accounts.models import Organisation, ProcuratorialAssignment, User
from kernel.accounts.roles import CourtLevel, Level, OrganisationType, Role
from kernel.workcalendar.services import calendar_cache_clear
from tests.factories import OrganisationFactory, UserFactory, identity_number

T = OrganisationType


@dataclass
class World:
    pab: Organisation
    prison_a: Organisation
    prison_b: Organisation
    dc: Organisation
    mpsb: Organisation
    proc_a: Organisation
    proc_b: Organisation
    proc_prov: Organisation
    cci: Organisation
    court: Organisation
    hospital: Organisation
    # Revocation and return to custody (P2014 Arts 22-26): the residence's county organs and
    # the intermediate court of the place.
    cja: Organisation
    cpsb: Organisation
    proc_county: Organisation
    court_mid: Organisation
    clerk_a: User
    leader_a: User
    clerk_b: User
    approver: User
    mps_approver: User
    procurator_a: User
    procurator_b: User
    procurator_prov: User
    officer: User
    judge: User
    hospital_liaison: User
    sysadmin: User
    admin_at_prison_a: User
    cja_head: User
    mid_judge: User
    procurator_county: User
    offender_a: Offender
    offender_b: Offender
    case_a: Case
    case_b: Case

    def client_for(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


def _register(clerk: User, name: str, seq: int) -> Offender:
    return offender_register(
        actor=clerk,
        offender_data={
            "name": name,
            "id_number": identity_number(sequence=seq),
            "sex": "M",
            "date_of_birth": dt.date(1970, 5, 17),
            "residence_address": "浙江省杭州市西湖区",
            "residence_region_code": "330106",
        },
        sentence_data={
            "judgment_number": f"(2019)浙0106刑初{seq}号",
            "offences": "盗窃罪",
            "original_type": "fixed_term",
            "original_years": 12,
            "original_months": 0,
            "execution_start": dt.date(2020, 1, 1),
            "custody_days": 0,
        },
    )


@pytest.fixture
def world(db: None) -> World:
    org = OrganisationFactory
    pab = org(
        name="省监狱管理局",
        abbreviation="浙狱",
        type=T.PRISON_ADMINISTRATION,
        level=Level.PROVINCE,
        region_code="330000",
    )
    prison_a = org(name="第一监狱", abbreviation="浙一监", type=T.PRISON, parent=pab)
    prison_b = org(
        name="第二监狱", abbreviation="浙二监", type=T.PRISON, parent=pab, region_code="330200"
    )
    mpsb = org(name="市公安局", abbreviation="杭公", type=T.MUNICIPAL_PUBLIC_SECURITY)
    dc = org(name="市看守所", abbreviation="杭看", type=T.DETENTION_CENTRE, parent=mpsb)
    proc_prov = org(
        name="省检察院",
        abbreviation="浙检",
        type=T.PROCURATORATE,
        level=Level.PROVINCE,
        region_code="330000",
    )
    proc_a = org(
        name="驻第一监狱检察室", abbreviation="浙检驻一监", type=T.PROCURATORATE, parent=proc_prov
    )
    proc_b = org(
        name="驻第二监狱检察室", abbreviation="浙检驻二监", type=T.PROCURATORATE, parent=proc_prov
    )
    cci = org(
        name="西湖区社区矫正机构",
        abbreviation="西湖矫",
        type=T.COMMUNITY_CORRECTION,
        level=Level.COUNTY,
        region_code="330106",
    )
    court = org(
        name="西湖区法院",
        abbreviation="西湖法",
        type=T.COURT,
        court_level=CourtLevel.BASIC,
        level=Level.COUNTY,
        region_code="330106",
    )
    hospital = org(
        name="省人民医院",
        abbreviation="浙医",
        type=T.DESIGNATED_HOSPITAL,
        designated_from=dt.date(2020, 1, 1),
    )
    cja = org(
        name="杭州市西湖区司法局",
        abbreviation="西湖司",
        type=T.JUDICIAL_ADMINISTRATION,
        level=Level.COUNTY,
        region_code="330106",
    )
    cpsb = org(
        name="杭州市公安局西湖区分局",
        abbreviation="西湖公",
        type=T.COUNTY_PUBLIC_SECURITY,
        level=Level.COUNTY,
        region_code="330106",
    )
    proc_county = org(
        name="杭州市西湖区人民检察院",
        abbreviation="西湖检",
        type=T.PROCURATORATE,
        level=Level.COUNTY,
        region_code="330106",
    )
    court_mid = org(
        name="杭州市中级人民法院",
        abbreviation="杭中法",
        type=T.COURT,
        court_level=CourtLevel.INTERMEDIATE,
        level=Level.CITY,
        region_code="330100",
    )
    # The province's list of designated hospitals (P2014 Art 9; supervision.medical registry).
    from supervision.medical.models import HospitalListing

    HospitalListing.objects.create(
        hospital=hospital,
        province=hospital.region_code[:2],
        certifies_illness=True,
        certifies_pregnancy=True,
        reexamines=True,
        listed_from=dt.date(2020, 1, 1),
        listing_document="浙政办发〔2020〕1号",
    )
    mode = ProcuratorialAssignment.Mode
    ProcuratorialAssignment.objects.create(
        procuratorate=proc_a, supervised=prison_a, mode=mode.STATIONED
    )
    ProcuratorialAssignment.objects.create(
        procuratorate=proc_b, supervised=prison_b, mode=mode.STATIONED
    )
    ProcuratorialAssignment.objects.create(
        procuratorate=proc_prov, supervised=pab, mode=mode.SAME_LEVEL
    )
    u = UserFactory
    w = {
        "pab": pab,
        "prison_a": prison_a,
        "prison_b": prison_b,
        "dc": dc,
        "mpsb": mpsb,
        "proc_a": proc_a,
        "proc_b": proc_b,
        "proc_prov": proc_prov,
        "cci": cci,
        "court": court,
        "hospital": hospital,
        "cja": cja,
        "cpsb": cpsb,
        "proc_county": proc_county,
        "court_mid": court_mid,
        "cja_head": u(username="cja_head", organisation=cja, roles=[Role.JUDICIAL_ADMIN_HEAD]),
        "mid_judge": u(username="mid_judge", organisation=court_mid, roles=[Role.JUDGE]),
        "procurator_county": u(
            username="procurator_county", organisation=proc_county, roles=[Role.PROCURATOR]
        ),
        "clerk_a": u(username="clerk_a", organisation=prison_a, roles=[Role.PRISON_CLERK]),
        "leader_a": u(username="leader_a", organisation=prison_a, roles=[Role.PRISON_LEADER]),
        "clerk_b": u(username="clerk_b", organisation=prison_b, roles=[Role.PRISON_CLERK]),
        "approver": u(username="approver", organisation=pab, roles=[Role.APPROVER]),
        "mps_approver": u(username="mps_approver", organisation=mpsb, roles=[Role.APPROVER]),
        "procurator_a": u(username="procurator_a", organisation=proc_a, roles=[Role.PROCURATOR]),
        "procurator_b": u(username="procurator_b", organisation=proc_b, roles=[Role.PROCURATOR]),
        "procurator_prov": u(
            username="procurator_prov", organisation=proc_prov, roles=[Role.PROCURATOR]
        ),
        "officer": u(username="officer", organisation=cci, roles=[Role.CORRECTION_OFFICER]),
        "judge": u(username="judge", organisation=court, roles=[Role.JUDGE]),
        "hospital_liaison": u(
            username="hospital", organisation=hospital, roles=[Role.HOSPITAL_LIAISON]
        ),
        "sysadmin": u(username="sysadmin", organisation=pab, roles=[Role.SYSTEM_ADMIN]),
        "admin_at_prison_a": u(
            username="admin_a", organisation=prison_a, roles=[Role.SYSTEM_ADMIN]
        ),
    }
    w["offender_a"] = _register(w["clerk_a"], "张三", 11)
    w["offender_b"] = _register(w["clerk_b"], "李四", 13)
    w["case_a"] = case_open(
        actor=w["clerk_a"],
        offender=w["offender_a"],
        number="浙狱暂〔2026〕001号",
        opened_on=dt.date(2026, 3, 2),
        ground_medical=True,
    )
    w["case_b"] = case_open(
        actor=w["clerk_b"],
        offender=w["offender_b"],
        number="浙狱暂〔2026〕002号",
        opened_on=dt.date(2026, 3, 3),
        ground_self_care=True,
    )
    return World(**w)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> None:
    calendar_cache_clear()


@pytest.fixture
def loaded_calendar(db: None) -> None:
    """The official schedules 2024-2026 from the seed package, as `calendar_sync` loads them."""
    from kernel.workcalendar.services import calendar_sync

    calendar_sync(years=[2024, 2025, 2026])


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English, for tests that assert on the English wording."""
    from django.utils import translation

    with translation.override("en"):
        yield
