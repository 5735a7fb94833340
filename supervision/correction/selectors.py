"""Reads of this part (the views and the section ask here, not the models)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import TeamMember


def team_members_active(case_pk: int) -> QuerySet[TeamMember]:
    """The current members of the person's correction team (CCL Art 25); the case itself is
    found through the user's jurisdiction by the caller (`community_case`)."""
    return TeamMember.objects.filter(supervision__case_id=case_pk, left_on__isnull=True)
