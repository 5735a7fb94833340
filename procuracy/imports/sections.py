"""The lane section "records of other organs": what other organs recorded about the person of
the case (court rulings, detention and compulsory measures, death), as imported and matched."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from cases.models import Case
from kernel.http import AuthenticatedHttpRequest

from ..lane import LaneSection, lane_section_register
from .selectors import records_of_offender


def _context(
    request: AuthenticatedHttpRequest, case: Case, forms: Mapping[str, Any]
) -> dict[str, Any] | None:
    return {"offender": case.offender, "records": list(records_of_offender(case.offender)[:50])}


IMPORTS_SECTION = lane_section_register(
    LaneSection(
        key="imports",
        title=_("Records of other organs"),
        template="procuracy/imports/_section.html",
        order=80,
        context=_context,
    )
)
