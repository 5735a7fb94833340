"""Loading the illness catalogue from `cases.illness_catalogue` (legal-spec §6)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kernel.audit.services import audit_record

from ..illness_catalogue import ENTRIES
from ..models import IllnessCatalogueItem


@transaction.atomic
def catalogue_sync(*, actor: Any = None) -> int:
    """Add the items the catalogue lacks. An item the administrator has edited is left as it
    is: the shipped data never overwrites a correction."""
    existing = set(IllnessCatalogueItem.objects.values_list("code", flat=True))
    new = [
        IllnessCatalogueItem(
            version=e.version,
            code=e.code,
            category=e.category,
            name_zh=e.name_zh,
            name_en=e.name_en,
            confirmed=e.confirmed,
            note=e.note,
        )
        for e in ENTRIES
        if e.code not in existing
    ]
    IllnessCatalogueItem.objects.bulk_create(new)
    if new:
        audit_record(
            actor=actor, action="catalogue.loaded", payload={"added": [i.code for i in new]}
        )
    return len(new)
