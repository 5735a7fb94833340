"""The case-by-case filing for review of a duty-crime case (P2014 Art 2 ¶2; legal-spec EL-22):
the named call of the act declared in `approvals.acts.filing`."""

from __future__ import annotations

import datetime as dt

from cases.acts.registry import ACTS
from cases.acts.runner import act_run
from kernel.accounts.models import Organisation, User

from ..models import FilingForReview


def filing_record(
    *, case_id: int, actor: User, filed_with: Organisation, filed_on: dt.date, reference: str = ""
) -> FilingForReview:
    """Record the case-by-case filing for review of a duty-crime case (P2014 Art 2 ¶2)."""
    filing: FilingForReview = act_run(
        ACTS["filing_record"],
        case_id=case_id,
        actor=actor,
        expected_state=None,
        filed_with=filed_with,
        filed_on=filed_on,
        reference=reference,
    )
    return filing
