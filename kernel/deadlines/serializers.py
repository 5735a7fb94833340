"""How the API shows a deadline's date: the official one, or the estimate marked as such."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from .models import Deadline


def estimate_reason(year: int | None) -> str:
    """The label every reader of an estimated date gets with it (pages and API alike)."""
    return _("estimated (calendar for %(year)s not loaded; weekends only)") % {"year": year}


class DeadlineSerializer(serializers.ModelSerializer[Deadline]):
    """One clock. `due_date`/`due_at` are official or null; while the calendar year is not
    loaded, `estimated` is true and `estimated_due_date`/`estimated_due_at` carry the
    weekend-only estimate with `estimate_reason`."""

    estimated = serializers.BooleanField(source="is_estimate", read_only=True)
    estimate_reason = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = [
            "id",
            "kind",
            "legal_basis",
            "trigger_event",
            "trigger_at",
            "unit",
            "amount",
            "status",
            "due_date",
            "due_at",
            "provisional_year",
            "estimated",
            "estimated_due_date",
            "estimated_due_at",
            "estimate_reason",
        ]
        read_only_fields = fields

    def get_estimate_reason(self, deadline: Deadline) -> str | None:
        return estimate_reason(deadline.provisional_year) if deadline.is_estimate else None


class NextDeadlineSerializer(serializers.Serializer[Any]):
    """A case's nearest open clock, from the case list's annotations (`case_list_for_user`):
    `due` is the official date or, with `estimated` true, the estimate."""

    kind = serializers.CharField(help_text="Deadline id in legal-spec §4, e.g. D-15.")
    due = serializers.DateField(allow_null=True)
    estimated = serializers.BooleanField()
    estimate_reason = serializers.CharField(allow_null=True)


def next_deadline_payload(case: Any) -> dict[str, Any] | None:
    code = getattr(case, "next_deadline", None)
    if not code:
        return None
    estimated = bool(getattr(case, "next_due_estimated", False))
    return {
        "kind": code,
        "due": case.next_due.isoformat() if case.next_due else None,
        "estimated": estimated,
        "estimate_reason": estimate_reason(case.next_due_provisional_year) if estimated else None,
    }
