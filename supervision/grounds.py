"""Raising a ground for revocation (legal-spec §3.4 list R) from a supervision act: the review
that found the circumstances gone (SPC-Interp Art 516(6)), the second warning (516(4)), a
re-examination not submitted after a warning (516(5)), a guarantor not replaced in time
(516(7)). The ground is kept with the record it comes from, once per source, and the executing
institution's officers are told; the revocation proposal (T-S03) offers the open grounds."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _

from kernel.accounts.models import User
from kernel.accounts.roles import Role
from kernel.notices.services import notice_send_to_role

from .models import RevocationGround, RevocationGroundKind, Supervision


def revocation_ground_raise(
    *,
    supervision: Supervision,
    ground: RevocationGroundKind,
    reason: str,
    source: models.Model,
    actor: User,
) -> RevocationGround:
    """Record the ground once per source record (a repeated act raises nothing new) and tell
    the executing institution's officers."""
    raised, created = RevocationGround.objects.get_or_create(
        supervision=supervision,
        ground=ground,
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        defaults={"reason": reason, "raised_by": actor},
    )
    if created:
        case = supervision.case
        notice_send_to_role(
            organisation_id=supervision.executing_cci_id,
            roles=[Role.CORRECTION_OFFICER],
            key=f"revocation-ground:{raised.pk}",
            subject=_("%(case)s: a ground for revocation: %(ground)s")
            % {"case": case.number, "ground": raised.get_ground_display()},
            body=reason,
            link=case.get_absolute_url(),
            severity="warning",
        )
    return raised


def revocation_grounds_open(supervision: Supervision) -> models.QuerySet[RevocationGround]:
    """The grounds raised so far (the next issue marks those a proposal used)."""
    return supervision.revocation_grounds.select_related("raised_by", "source_type")
