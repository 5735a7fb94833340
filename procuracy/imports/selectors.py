"""Reads of imports and records, scoped to the user."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from cases.models import Offender
from kernel.accounts.models import User

from .models import ExternalRecord, ImportBatch


def batches_for_user(user: User) -> QuerySet[ImportBatch]:
    """The batches imported for the user's organisation: nobody else's."""
    if user.organisation_id is None:
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(organisation_id=user.organisation_id).select_related(
        "imported_by"
    )


def batch_get_for_user(*, user: User, pk: int) -> ImportBatch:
    batch = batches_for_user(user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def records_of_offender(offender: Offender) -> QuerySet[ExternalRecord]:
    return offender.external_records.select_related("batch").order_by("-occurred_on", "-id")
