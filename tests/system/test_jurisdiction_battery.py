"""Nobody sees what is not theirs (non-negotiable 5; house style rules 3 and 8).

One battery over every view and endpoint that shows case data: the allowed role gets it, a
wrong role at the same organisation gets 403, an outsider gets 404 on details and an empty
answer on lists, search and downloads, and an anonymous visitor is sent to log in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Detail:
    name: str
    url: Callable[[object], str]
    allowed: tuple[str, ...]
    wrong_role: str
    outsider: str
    method: str = "get"


def _case(w) -> str:
    return f"/cases/{w.case_a.pk}/"


def _offender(w) -> str:
    return f"/offenders/{w.offender_a.pk}/"


def _api_case(w) -> str:
    return f"/api/v1/cases/{w.case_a.pk}/"


def _api_offender(w) -> str:
    return f"/api/v1/offenders/{w.offender_a.pk}/"


def _commutation(w) -> str:
    return f"/offenders/{w.offender_a.pk}/commutations/"


def _evidence(w) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.services.workflow import evidence_upload

    evidence = w.case_a.evidence.first() or evidence_upload(
        case_id=w.case_a.pk,
        actor=w.clerk_a,
        kind="medical_record",
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", "application/pdf"),
    )
    return f"/cases/{w.case_a.pk}/evidence/{evidence.pk}/"


def _document(w) -> str:
    return f"/cases/{w.case_a.pk}/documents/approval-form.pdf"


def _case_step(w) -> str:
    return f"/cases/{w.case_a.pk}/steps/screen/"


def _case_record(w) -> str:
    return f"/cases/{w.case_a.pk}/records/application/"


def _record_correction(action: str) -> Callable[[object], str]:
    """A record of the case file corrected or withdrawn (issue 10 item 4)."""

    def url(w) -> str:
        import datetime as dt

        from cases.models import ProcuratorateCopy

        copy = w.case_a.procuratorate_copies.first() or ProcuratorateCopy.objects.create(
            case=w.case_a, stage="assessment", procuratorate=w.proc_a, sent_on=dt.date(2026, 3, 3)
        )
        return f"/cases/{w.case_a.pk}/records/procuratorate-copy/{copy.pk}/{action}/"

    return url


def _eligibility(w) -> str:
    return f"/cases/{w.case_a.pk}/eligibility/"


def _opinion(w) -> str:
    return f"/cases/{w.case_a.pk}/opinion/"


def _case_new(w) -> str:
    return f"/offenders/{w.offender_a.pk}/cases/new/"


def _deadline(w) -> str:
    import datetime as dt
    import zoneinfo

    from kernel.deadlines.services import deadline_open

    deadline = deadline_open(
        code="D-14",
        subject=w.case_a,
        trigger_at=dt.datetime(2026, 3, 2, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")),
        responsible_organisation=w.prison_a,
        actor=w.clerk_a,
    )
    return f"/deadlines/{deadline.pk}/"


DETAILS = [
    Detail(
        "evidence view",
        _evidence,
        ("clerk_a", "procurator_a", "approver"),
        "admin_at_prison_a",
        "clerk_b",
    ),
    Detail(
        "case document", _document, ("clerk_a", "procurator_a"), "hospital_liaison", "procurator_b"
    ),
    Detail("case step", _case_step, ("clerk_a",), "leader_a", "clerk_b", "post"),
    Detail("case record", _case_record, ("clerk_a",), "leader_a", "clerk_b", "post"),
    Detail("case record page", _case_record, ("clerk_a",), "leader_a", "clerk_b"),
    Detail(
        "record correction",
        _record_correction("correct"),
        ("clerk_a",),
        "leader_a",
        "clerk_b",
        "post",
    ),
    Detail(
        "record withdrawal",
        _record_correction("withdraw"),
        ("clerk_a",),
        "leader_a",
        "clerk_b",
        "post",
    ),
    Detail("eligibility run", _eligibility, ("clerk_a",), "procurator_a", "clerk_b", "post"),
    Detail("eligibility page", _eligibility, ("clerk_a",), "procurator_a", "clerk_b"),
    Detail("procuratorial opinion", _opinion, ("procurator_a",), "clerk_a", "procurator_b", "post"),
    Detail("open a case", _case_new, ("clerk_a",), "leader_a", "clerk_b"),
    Detail(
        "deadline page", _deadline, ("clerk_a", "procurator_a"), "hospital_liaison", "procurator_b"
    ),
    Detail(
        "case page",
        _case,
        ("clerk_a", "leader_a", "approver", "procurator_a", "procurator_prov"),
        "admin_at_prison_a",
        "clerk_b",
    ),
    Detail(
        "case page (other capacities)",
        _case,
        ("procurator_prov",),
        "hospital_liaison",
        "procurator_b",
    ),
    Detail(
        "case API",
        _api_case,
        ("clerk_a", "approver", "procurator_a"),
        "admin_at_prison_a",
        "clerk_b",
    ),
    Detail("case API vs other approver", _api_case, ("approver",), "sysadmin", "mps_approver"),
    Detail(
        "offender page",
        _offender,
        ("clerk_a", "leader_a", "procurator_a"),
        "admin_at_prison_a",
        "clerk_b",
    ),
    Detail("offender API", _api_offender, ("clerk_a", "approver"), "hospital_liaison", "officer"),
    Detail("record a commutation", _commutation, ("clerk_a",), "leader_a", "clerk_b", "post"),
]


@pytest.mark.parametrize("spec", DETAILS, ids=lambda s: s.name)
def test_detail_allowed_roles_get_it(world, spec: Detail) -> None:
    for persona in spec.allowed:
        client = world.client_for(getattr(world, persona))
        response = getattr(client, spec.method)(spec.url(world))
        assert response.status_code in (200, 302, 400), (persona, response.status_code)


@pytest.mark.parametrize("spec", DETAILS, ids=lambda s: s.name)
def test_detail_wrong_role_is_403(world, spec: Detail) -> None:
    client = world.client_for(getattr(world, spec.wrong_role))
    assert getattr(client, spec.method)(spec.url(world)).status_code == 403


@pytest.mark.parametrize("spec", DETAILS, ids=lambda s: s.name)
def test_detail_outsider_is_404(world, spec: Detail) -> None:
    client = world.client_for(getattr(world, spec.outsider))
    assert getattr(client, spec.method)(spec.url(world)).status_code == 404


@pytest.mark.parametrize("spec", DETAILS, ids=lambda s: s.name)
def test_detail_anonymous_must_log_in(client, world, spec: Detail) -> None:
    response = getattr(client, spec.method)(spec.url(world))
    if spec.url(world).startswith("/api/"):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    params: dict[str, str]
    marker: Callable[[object], str]


LISTINGS = [
    Listing("case list", "/cases/", {}, lambda w: f"/cases/{w.case_a.pk}/"),
    Listing("case search", "/cases/", {"q": "张三"}, lambda w: f"/cases/{w.case_a.pk}/"),
    Listing("case CSV download", "/cases/export.csv", {}, lambda w: w.case_a.number),
    Listing("my work", "/", {}, lambda w: f"/cases/{w.case_a.pk}/"),
    Listing("offender list", "/offenders/", {}, lambda w: f"/offenders/{w.offender_a.pk}/"),
    Listing(
        "offender search", "/offenders/", {"q": "张三"}, lambda w: f"/offenders/{w.offender_a.pk}/"
    ),
    Listing("case API list", "/api/v1/cases/", {}, lambda w: w.case_a.number),
    Listing("case API search", "/api/v1/cases/", {"q": "张三"}, lambda w: w.case_a.number),
    Listing("offender API list", "/api/v1/offenders/", {}, lambda w: w.offender_a.name),
    Listing(
        "offender API search", "/api/v1/offenders/", {"q": "张三"}, lambda w: w.offender_a.name
    ),
]


def _text(response) -> str:
    return (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )


@pytest.mark.parametrize("spec", LISTINGS, ids=lambda s: s.name)
def test_listing_shows_own_case_to_allowed_roles(world, spec: Listing) -> None:
    for persona in ("clerk_a", "procurator_a", "approver"):
        response = world.client_for(getattr(world, persona)).get(spec.url, spec.params)
        assert response.status_code == 200
        assert spec.marker(world) in _text(response), persona


@pytest.mark.parametrize("spec", LISTINGS, ids=lambda s: s.name)
def test_listing_hides_other_institutions_cases(world, spec: Listing) -> None:
    for persona in ("clerk_b", "procurator_b", "mps_approver", "officer", "judge"):
        response = world.client_for(getattr(world, persona)).get(spec.url, spec.params)
        assert response.status_code == 200
        assert spec.marker(world) not in _text(response), persona


@pytest.mark.parametrize("spec", [s for s in LISTINGS if s.url != "/"], ids=lambda s: s.name)
def test_listing_wrong_role_is_403(world, spec: Listing) -> None:
    for persona in ("hospital_liaison", "admin_at_prison_a"):
        response = world.client_for(getattr(world, persona)).get(spec.url, spec.params)
        assert response.status_code == 403, persona


def test_search_by_exact_identity_number_stays_scoped(world) -> None:
    number = world.offender_a.id_number
    own = world.client_for(world.clerk_a).get("/offenders/", {"q": number})
    other = world.client_for(world.clerk_b).get("/offenders/", {"q": number})
    assert f"/offenders/{world.offender_a.pk}/" in own.content.decode()
    assert f"/offenders/{world.offender_a.pk}/" not in other.content.decode()


def test_audit_log_and_calendar_admin_are_for_system_administrators(world) -> None:
    for url in ("/audit/", "/calendar/years/", "/calendar/years/import/"):
        assert world.client_for(world.sysadmin).get(url).status_code == 200
        assert world.client_for(world.clerk_a).get(url).status_code == 403
        assert world.client_for(world.procurator_a).get(url).status_code == 403


def test_court_path_gap_routes_keep_to_their_parties(world, loaded_calendar) -> None:
    """Issue 10 item 8's routes: the court's entrustment (T-A03) is its own; the investigation
    screen is the court's and the entrusted institution's, nobody else's; the hand-over on bail
    or residential surveillance (T-A06) is the receiving officer's."""
    from django.test import Client

    from approvals.court import court_investigation_entrust
    from kernel.accounts.roles import Level, OrganisationType
    from tests.approvals.test_court_path import _assessed, court_world
    from tests.factories import OrganisationFactory

    cw = court_world(world)
    case = _assessed(world, cw)
    base = f"/approvals/court/cases/{case.pk}/"

    def status(user, method: str, url: str) -> int:
        client = world.client_for(user) if user else Client()
        response = getattr(client, method)(url, {})
        if user is None:
            assert "/accounts/login/" in response["Location"], url
        return response.status_code

    entrust = base + "investigation/entrust/"
    assert status(cw.judge, "post", entrust) == 400  # allowed; the empty form is refused
    assert status(world.officer, "post", entrust) == 403
    assert status(cw.other_judge, "post", entrust) == 404
    assert status(None, "post", entrust) == 302
    cja = OrganisationFactory(
        type=OrganisationType.JUDICIAL_ADMINISTRATION, level=Level.COUNTY, region_code="330106"
    )
    court_investigation_entrust(
        case_id=case.pk, actor=cw.clerk, expected_state=case.state, entrusted_to=cja, request="x"
    )
    screen = base + "investigation/"
    assert status(cw.judge, "get", screen) == 200
    assert status(cw.procurator, "get", screen) == 403
    assert status(world.officer, "get", screen) == 404  # a CCI the court did not entrust
    assert status(cw.other_judge, "get", screen) == 404
    assert status(None, "get", screen) == 302
    listing = world.client_for(world.officer).get("/approvals/court/investigations/")
    assert listing.status_code == 200 and cw.defendant.name not in listing.content.decode()
    assert status(cw.judge, "get", "/approvals/court/investigations/") == 403
    hand_over = f"/supervision/cases/{world.case_a.pk}/hand-over/public-security/"
    assert status(world.officer, "post", hand_over) == 404  # not a party to the case
    assert status(world.clerk_a, "post", hand_over) == 403
    assert status(None, "post", hand_over) == 302
