"""A field that names an organisation lists only organisations of the kind the law names there
(issue 14): the court field courts, the hospital field designated hospitals, the entrusted
investigation the county-level judicial administration of the residence (P2014 Art 8 ¶2).
An id the form would not have offered is refused by the act, on the page and through the
API, with the article; nothing is written and the case stays where it was."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.forms import SentenceForm
from cases.models import InvestigationEntrustment
from cases.services.workflow import case_record_save
from cases.workflow_forms import InvestigationEntrustmentForm, MedicalCertificateForm
from kernel.accounts.roles import Level, OrganisationType
from tests.cases.steps import advance, to_assessed, to_assessment, valid_certificate
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T = OrganisationType


@pytest.fixture
def others(world):
    """Organs of the case's own province and residence, each of a kind the field must not list."""
    return {
        "city_cja": OrganisationFactory(
            name="杭州市司法局", type=T.JUDICIAL_ADMINISTRATION, level=Level.CITY,
            region_code="330106",
        ),
        "undesignated": OrganisationFactory(
            name="西湖区社区卫生服务中心", type=T.DESIGNATED_HOSPITAL, region_code="330106",
            designated_from=None,
        ),
        "procuratorate": OrganisationFactory(
            name="西湖区人民检察院", type=T.PROCURATORATE, level=Level.COUNTY,
            region_code="330106",
        ),
    }  # fmt: skip


def _prepared(world):
    case = world.case_a
    to_assessed(world, case)
    advance(world, case, "prepare")
    return case


def test_the_investigation_lists_only_the_residences_county_judicial_administration(
    world, others
) -> None:
    field = InvestigationEntrustmentForm(case=world.case_a).fields["entrusted_to"]
    offered = set(field.queryset)
    assert offered == {world.cja}
    assert world.cci not in offered and others["city_cja"] not in offered


@pytest.mark.parametrize("who", ["cci", "city_cja", "procuratorate"])
def test_an_investigation_entrusted_to_another_kind_of_organ_is_refused_everywhere(
    world, others, who
) -> None:
    case = _prepared(world)
    organ = world.cci if who == "cci" else others[who]
    client = world.client_for(world.clerk_a)
    page = client.post(
        f"/cases/{case.pk}/records/investigation/",
        {
            "investigation-entrusted_to": str(organ.pk),
            "investigation-entrusted_on": "2026-03-06",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 400
    assert "county-level judicial administration" in page.content.decode()
    api = client.post(
        f"/api/v1/cases/{case.pk}/acts/record_investigation_entrustment/",
        {"expected_state": "preparation", "entrusted_to": organ.pk, "entrusted_on": "2026-03-06"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert api.status_code == 400
    assert "P2014 Art 8 ¶2" in api.content.decode()
    with pytest.raises(ValidationError, match="P2014 Art 8 ¶2"):
        case_record_save(
            case_id=case.pk,
            actor=world.clerk_a,
            record=InvestigationEntrustment(entrusted_to=organ, entrusted_on=dt.date(2026, 3, 6)),
        )
    assert not case.investigations.exists()
    case.refresh_from_db()
    assert case.state == "preparation"


def test_the_hospital_field_lists_designated_hospitals_only(world, others) -> None:
    offered = set(MedicalCertificateForm(case=world.case_a).fields["hospital"].queryset)
    assert world.hospital in offered
    assert others["undesignated"] not in offered
    assert all(o.type == T.DESIGNATED_HOSPITAL and o.designated_from for o in offered)


@pytest.mark.parametrize("who", ["undesignated", "procuratorate"])
def test_a_certificate_of_an_organ_not_designated_is_refused(world, others, who) -> None:
    case = world.case_a
    to_assessment(world, case)
    with pytest.raises(ValidationError, match="P2014 Art 9"):
        case_record_save(
            case_id=case.pk,
            actor=world.clerk_a,
            record=valid_certificate(world, hospital=others[who]),
        )
    assert not case.certificates.exists()
    case.refresh_from_db()
    assert case.state == "assessment"


def test_the_court_field_lists_courts_only(world, others) -> None:
    offered = set(SentenceForm(institution=world.prison_a).fields["sentencing_court"].queryset)
    assert world.court in offered
    assert {o.type for o in offered} == {T.COURT}
