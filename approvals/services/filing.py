"""The case-by-case filing for review of a duty-crime case (P2014 Art 2 ¶2; legal-spec EL-22)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.choices import FILING_RECIPIENT, choice_require, filing_recipient_choices
from cases.services.workflow import case_lock_for_update
from kernel.accounts.models import Organisation, User
from kernel.audit.services import audit_record

from ..models import FilingForReview
from ._common import _authority_of


@transaction.atomic
def filing_record(
    *, case_id: int, actor: User, filed_with: Organisation, filed_on: dt.date, reference: str = ""
) -> FilingForReview:
    """Record the case-by-case filing for review of a duty-crime case (P2014 Art 2 ¶2)."""
    case = case_lock_for_update(case_id, None)
    _authority_of(case, actor)
    if not case.filing_required:
        raise ValidationError(_("This case does not need filing for review."))
    if hasattr(case, "filing"):
        raise ValidationError(_("The filing for review is already recorded."))
    choice_require(filing_recipient_choices(case), filed_with, FILING_RECIPIENT)
    filing = FilingForReview.objects.create(
        case=case, filed_with=filed_with, filed_on=filed_on, reference=reference, filed_by=actor
    )
    audit_record(
        actor=actor,
        action="case.filed_for_review",
        obj=case,
        payload={"filed_with": filed_with.pk, "reference": reference},
    )
    return filing
