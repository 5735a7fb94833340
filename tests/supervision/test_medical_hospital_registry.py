"""The provincial registry of designated hospitals (P2014 Art 9): staff read it filtered by
province and capability, administrators maintain it in the admin or import a province's CSV,
and it is the one source of the hospital's designation span; a re-examination at a hospital
not on the list on that day is flagged on the review, not refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.urls import reverse

from kernel.accounts.models import Organisation
from kernel.accounts.roles import OrganisationType
from supervision.medical.models import HospitalListing
from tests.factories import OrganisationFactory

from .medical_steps import review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CSV = """name,region_code,capabilities,listed_from,listed_until,document
江苏省人民医院,320106,illness|reexamination,2024-01-01,,苏政办发〔2024〕9号
南京市妇幼保健院,320102,pregnancy,2024-01-01,2025-12-31,苏政办发〔2024〕9号
"""


def _listing(name: str, province: str, **fields) -> HospitalListing:
    hospital = OrganisationFactory(
        name=name,
        type=OrganisationType.DESIGNATED_HOSPITAL,
        region_code=f"{province}0100",
        designated_from=dt.date(2020, 1, 1),
    )
    return HospitalListing.objects.create(
        hospital=hospital,
        province=province,
        listed_from=fields.pop("listed_from", dt.date(2020, 1, 1)),
        listing_document="省政府文件",
        **fields,
    )


def test_the_registry_page_filters_by_province_and_capability(world) -> None:
    _listing(
        "江苏妇产医院", "32", certifies_illness=False, certifies_pregnancy=True, reexamines=False
    )
    client = world.client_for(world.officer)
    url = reverse("supervision:medical_hospitals")
    page = client.get(url).content.decode()
    assert "省人民医院" in page and "江苏妇产医院" in page
    only_32 = client.get(url, {"province": "32"}).content.decode()
    assert "江苏妇产医院" in only_32 and "浙政办发" not in only_32
    reexamining = client.get(url, {"capability": "reexamination"}).content.decode()
    assert "省人民医院" in reexamining and "江苏妇产医院" not in reexamining


def test_the_registry_is_maintained_in_the_admin_by_system_administrators(world) -> None:
    assert admin.site.is_registered(HospitalListing)
    url = reverse("admin:supervision_hospitallisting_changelist")
    for user in (world.sysadmin, world.officer):
        type(user).objects.filter(pk=user.pk).update(is_staff=True)
    assert world.client_for(world.sysadmin).get(url).status_code == 200
    assert world.client_for(world.officer).get(url).status_code == 403


def test_importing_a_province_list_creates_hospitals_and_listings_once(world, tmp_path) -> None:
    path = tmp_path / "jiangsu.csv"
    path.write_text(CSV, encoding="utf-8")
    call_command("hospital_list_import", "32", str(path))
    call_command("hospital_list_import", "32", str(path))  # a rerun updates, adds nothing
    assert HospitalListing.objects.filter(province="32").count() == 2
    clinic = Organisation.objects.get(name="南京市妇幼保健院")
    listing = HospitalListing.objects.get(hospital=clinic)
    assert clinic.type == OrganisationType.DESIGNATED_HOSPITAL
    assert listing.certifies_pregnancy and not listing.reexamines
    # The organisation's designation is the span of its listings (one source of truth).
    assert (clinic.designated_from, clinic.designated_until) == (
        dt.date(2024, 1, 1),
        dt.date(2025, 12, 31),
    )


def test_an_import_with_a_bad_row_imports_nothing(world, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(CSV + "某医院,330106,illness,2024-01-01,,苏政办发〔2024〕9号\n", "utf-8")
    with pytest.raises(CommandError, match="not in province 32"):
        call_command("hospital_list_import", "32", str(path))
    assert not HospitalListing.objects.filter(province="32").exists()


def test_the_review_form_offers_only_listed_hospitals_able_to_re_examine(world, supervised) -> None:
    _listing("省妇保医院", "33", reexamines=False, certifies_pregnancy=True)
    from supervision.community_acts import review_hospitals

    offered = set(review_hospitals(supervised, on=dt.date(2026, 6, 20)))
    assert world.hospital in offered
    assert not {h for h in offered if h.name == "省妇保医院"}


@pytest.mark.usefixtures("loaded_calendar")
def test_a_re_examination_at_a_hospital_off_the_list_that_day_is_flagged(world, supervised) -> None:
    lapsed = _listing("市第三医院", "33", listed_until=dt.date(2026, 5, 31)).hospital
    flagged = review(world, supervised, hospital=lapsed)
    assert not flagged.hospital_designated
    page = world.client_for(world.officer).get(
        reverse("supervision:community", args=[supervised.pk])
    )
    assert "复查之日不在省级指定医院名录内" in page.content.decode()  # the page is Chinese
