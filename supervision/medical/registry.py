"""The provincial registry of designated hospitals (P2014 Art 9): reads, the summary kept on
the hospital's organisation, and the import of a province's list from CSV."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, Q, QuerySet

from kernel.accounts.models import Organisation
from kernel.accounts.roles import Level, OrganisationType

from .models import CAPABILITY_FIELDS, HospitalCapability, HospitalListing


def listings_in_force(
    *,
    on: dt.date,
    provinces: Iterable[str] | None = None,
    capability: str | None = None,
) -> QuerySet[HospitalListing]:
    """The listings in force on `on`, of the given provinces, able to certify `capability`."""
    found = HospitalListing.objects.filter(listed_from__lte=on).filter(
        Q(listed_until__isnull=True) | Q(listed_until__gte=on)
    )
    if provinces is not None:
        found = found.filter(province__in=list(provinces))
    if capability:
        found = found.filter(**{CAPABILITY_FIELDS[HospitalCapability(capability)]: True})
    return found.select_related("hospital").order_by("province", "hospital__name")


def hospital_listed_on(
    hospital: Organisation, day: dt.date, *, capability: str, provinces: Iterable[str]
) -> bool:
    """Whether `hospital` was on the list of one of `provinces` on `day` for `capability`."""
    return (
        listings_in_force(on=day, provinces=provinces, capability=capability)
        .filter(hospital=hospital)
        .exists()
    )


def hospital_designation_sync(hospital: Organisation) -> None:
    """Write the span of the hospital's listings on its organisation (the summary the
    diagnosis stage reads): from the first listing; until the last end, or open while a
    listing is open."""
    listings = HospitalListing.objects.filter(hospital=hospital)
    span = listings.aggregate(first=Min("listed_from"), last=Max("listed_until"))
    until = None if listings.filter(listed_until__isnull=True).exists() else span["last"]
    if span["first"] is None:  # no listing left: the hospital is no longer designated
        until = hospital.designated_until or hospital.designated_from
    Organisation.objects.filter(pk=hospital.pk).update(
        designated_from=span["first"] or hospital.designated_from, designated_until=until
    )


#: The columns of a province's list, in the CSV's header row.
CSV_COLUMNS = (
    "name",
    "region_code",
    "capabilities",
    "listed_from",
    "listed_until",
    "document",
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    hospitals_created: int = 0


def _date(text: str, line: int, column: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"line {line}: {column} {text!r} is not a date (YYYY-MM-DD)"
        ) from None


@transaction.atomic
def hospital_list_import(*, province: str, rows: Iterable[dict[str, str]]) -> ImportResult:
    """Import one province's list: a row per hospital (name, region code, capabilities
    separated by ``|`` among illness, pregnancy, self_care, reexamination; listed from,
    listed until, the provincial document). Hospitals not yet known are created as
    designated hospitals; a listing with the same hospital and start is updated. Every row
    is checked before anything is kept (one bad row: nothing imported)."""
    if not (len(province) == 2 and province.isdigit()):
        raise ValidationError("The province is the first two digits of a region code, e.g. 33.")
    result = ImportResult()
    touched: set[int] = set()
    for line, row in enumerate(rows, start=2):
        name = (row.get("name") or "").strip()
        region = (row.get("region_code") or "").strip()
        if not name or not (len(region) == 6 and region.isdigit()):
            raise ValidationError(f"line {line}: a name and a six-digit region code are needed")
        if not region.startswith(province):
            raise ValidationError(f"line {line}: {region} is not in province {province}")
        listed_from = _date(row.get("listed_from") or "", line, "listed_from")
        if listed_from is None:
            raise ValidationError(f"line {line}: listed_from is required")
        listed_until = _date(row.get("listed_until") or "", line, "listed_until")
        document = (row.get("document") or "").strip()
        if not document:
            raise ValidationError(f"line {line}: the provincial document is required")
        wanted = {c.strip() for c in (row.get("capabilities") or "").split("|") if c.strip()}
        unknown = wanted - set(HospitalCapability.values)
        if unknown or not wanted:
            raise ValidationError(
                f"line {line}: capabilities must be among {', '.join(HospitalCapability.values)}"
            )
        hospital, made = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "type": OrganisationType.DESIGNATED_HOSPITAL,
                "level": Level.PROVINCE,
                "region_code": region,
                "designated_from": listed_from,
            },
        )
        if hospital.type != OrganisationType.DESIGNATED_HOSPITAL:
            raise ValidationError(f"line {line}: {name} exists and is not a designated hospital")
        result.hospitals_created += made
        listing = HospitalListing(hospital=hospital, province=province, listed_from=listed_from)
        existing = HospitalListing.objects.filter(
            hospital=hospital, province=province, listed_from=listed_from
        ).first()
        listing = existing or listing
        listing.listed_until = listed_until
        listing.listing_document = document[:200]
        for capability, field in CAPABILITY_FIELDS.items():
            setattr(listing, field, capability.value in wanted)
        listing.full_clean()
        listing.save()
        if existing is None:
            result.created += 1
        else:
            result.updated += 1
        touched.add(hospital.pk)
    for hospital in Organisation.objects.filter(pk__in=touched):
        hospital_designation_sync(hospital)
    return result


def hospital_list_read(handle: Iterable[str]) -> list[dict[str, str]]:
    """The rows of a CSV list (UTF-8, header row with `CSV_COLUMNS`)."""
    reader = csv.DictReader(handle)
    missing = set(CSV_COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise ValidationError(f"the CSV lacks the columns {', '.join(sorted(missing))}")
    return list(reader)
