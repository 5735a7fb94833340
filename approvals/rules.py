"""What the approving authority needs before deciding (legal-spec §3.1 T-B11, T-B11x)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cases.models import Case
from cases.rules import REVIEW_COMMITTEE_QUORUM
from kernel.accounts.roles import OrganisationType
from kernel.refusals import Requirement


def missing_for_decision(
    case: Case, *, authority_type: str, committee_members_present: int | None
) -> list[Requirement]:
    """What is missing before the decision; the committee's quorum once its size is given."""
    out = []
    if case.filing_required and not hasattr(case, "filing"):
        out.append(
            Requirement(
                "P2014 Art 2 ¶2",
                _("A duty-crime case is filed for review case by case: record the filing first."),
            )
        )
    unanswered = case.procuratorial_opinions.filter(answer__isnull=True).count()
    if unanswered:
        out.append(
            Requirement(
                "P2014 Art 13 ¶3; SPP-Rules Art 630",
                _("Answer the procuratorial opinion before deciding."),
            )
        )
    # MOJ 2016 Art 3 sets up the prison administration's review committee (9 or more);
    # for a public security organ the minutes are recorded without a fixed quorum.
    quorum = (
        REVIEW_COMMITTEE_QUORUM if authority_type == OrganisationType.PRISON_ADMINISTRATION else 1
    )
    if committee_members_present is not None and committee_members_present < quorum:
        out.append(
            Requirement(
                "MOJ 2016 Art 3",
                _("The authority's review committee needs at least %(n)s members present.")
                % {"n": quorum},
            )
        )
    return out
