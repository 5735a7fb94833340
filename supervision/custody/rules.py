"""Who takes the person back into custody, where, and who may record it (P2014 Arts 24-25;
CCL Arts 49 ¶3-4, 50; legal-spec T-S06, T-S06a/b, D-18, E-06). Reads only.

- The route is `supervision.routing.custody_route` for the type of the organ that decided on
  imprisonment and the remaining term stored with the TEOP decision
  (`remaining_term_basis["three_months_or_less"]`). Older decisions without a stored basis:
  the remaining term is computed now from the sentence as it stood on the decision date
  (`cases.remaining_term.remaining_term_at`), and the page says so.
- Which institutions may take the person in (the designation's choice list and its refusal):
  prison administration's decision → only the original or file-holding prison
  (`Supervision.custodial_institution`, P2014 Arts 20, 24 ¶2), designated by law; public
  security's decision → a detention centre of the residence (P2014 Art 24 ¶3). Detention
  centres are run by the county or the city public security organ, so "of the residence"
  means a detention centre of the residence's prefecture-level city: the first four digits of
  the administrative division code (GB/T 2260: 3301xx is Hangzhou). A court's decision → a
  detention centre (three months or less) or a prison (more) of the residence's province
  (first two digits; P2014 Art 24 ¶1): prisons are provincial, and the public security organ
  of the residence delivers within its province.
- The pursuing organ (P2014 Art 25; CCL Art 50) and the procuratorate informed of the return
  (Art 24 ¶4) are the county organs of the residence: the same six-digit region code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.remaining_term import remaining_term_at, remaining_term_explain
from kernel.accounts.models import Organisation
from kernel.accounts.roles import Level, OrganisationType

from ..models import SupervisionState
from ..routing import Route, RoutingError, custody_route

if TYPE_CHECKING:
    from cases.models import Case

    from ..models import Supervision

ART_24 = "P2014 Art 24"
ART_25 = "P2014 Art 25"
#: Where the return is recorded from (T-S06 from S5, T-S06b from S5b).
AWAITING = frozenset({SupervisionState.REVOKED_AWAITING_CUSTODY, SupervisionState.ABSCONDED})


@dataclass
class Routing:
    """The route of one case as the page shows it."""

    deciding_organ: Organisation | None
    decision: Any
    route: Route | None
    error: str = ""
    basis: dict[str, Any] | None = None
    #: The TEOP decision stored no basis: computed now from the sentence as it stood then.
    computed_now: bool = False
    explain: list[str] = field(default_factory=list)


def imprisonment_decision(case: Case) -> Any:
    """The latest decision on imprisonment granted on this case, or None."""
    from approvals.models import DecisionKind

    return (
        case.decisions.filter(kind=DecisionKind.IMPRISONMENT, approved=True)  # type: ignore[attr-defined]
        .select_related("authority")
        .order_by("-decided_at", "-id")
        .first()
    )


def _teop_basis(case: Case) -> tuple[dict[str, Any] | None, bool]:
    teop = case.decision
    if teop is None:
        return None, False
    if teop.remaining_term_basis:
        return dict(teop.remaining_term_basis), False
    remaining = remaining_term_at(case.sentence, timezone.localdate(teop.decided_at))
    return (remaining.basis if remaining else None), True


def routing_of(case: Case, record: Supervision) -> Routing:
    """The route of P2014 Art 24 for this case: by the organ that decided on imprisonment (or,
    before its decision is on file, the organ that decided the temporary execution)."""
    decision = imprisonment_decision(case)
    organ = decision.authority if decision is not None else record.deciding_organ
    basis, computed_now = _teop_basis(case)
    result = Routing(
        deciding_organ=organ,
        decision=decision,
        route=None,
        basis=basis,
        computed_now=computed_now,
        explain=remaining_term_explain(basis),
    )
    if organ is None:
        result.error = _("The deciding organ is not known.")
        return result
    try:
        result.route = custody_route(
            deciding_organ_type=organ.type,
            three_months_or_less=(basis or {}).get("three_months_or_less"),
        )
    except RoutingError:
        result.error = _(
            "No route: a court's decision routes by the remaining term on the day of the "
            "decision on temporary execution, which is not known (life imprisonment or no "
            "sentence on file)."
        )
    return result


def _residence(case: Case) -> str:
    return case.offender.residence_region_code or ""


def institutions_allowed(case: Case, record: Supervision, route: Route) -> QuerySet[Organisation]:
    """The institutions that may take the person in on this route (see the module's text)."""
    active = Organisation.objects.filter(is_active=True)
    if route.escort == "original_institution":
        return active.filter(pk=record.custodial_institution_id or 0)
    residence = _residence(case)
    if not residence:
        return active.none()
    # The public security organ's decision: a detention centre of the residence's city;
    # a court's: an institution of the residence's province.
    prefix = residence[:4] if route.destination == "residence_detention_centre" else residence[:2]
    return active.filter(
        type__in=sorted(route.institution_types), region_code__startswith=prefix
    ).order_by("region_code", "name")


def designated_by_law(route: Route | None) -> bool:
    """The prison administration decided: the original or file-holding prison takes the
    person in (P2014 Art 24 ¶2); nobody designates it."""
    return route is not None and route.escort == "original_institution"


def receiving_institution_of(case: Case, record: Supervision) -> Organisation | None:
    """The institution that takes the person in: designated, or by law on the prison path."""
    custody = getattr(record, "custody_return", None)
    if custody is not None and custody.receiving_institution_id is not None:
        institution: Organisation | None = custody.receiving_institution
        return institution
    if designated_by_law(routing_of(case, record).route):
        return record.custodial_institution
    return None


def residence_county_organ(case: Case, organisation_type: str) -> Organisation | None:
    """The county-level organ of this type at the residence (same region code)."""
    residence = _residence(case)
    if not residence:
        return None
    return (
        Organisation.objects.filter(type=organisation_type, region_code=residence, is_active=True)
        .exclude(level__in=[Level.PROVINCE, Level.NATIONAL])
        .order_by("-level", "pk")  # "county" sorts after "city": the county organ first
        .first()
    )


def escort_organ_of(case: Case, route: Route, institution: Organisation) -> Organisation | None:
    """Who brings the person in: the public security organ of the residence on the court
    path (P2014 Art 24 ¶1; CCL Art 49 ¶3), otherwise the institution itself."""
    if route.escort == "residence_public_security":
        return residence_county_organ(case, OrganisationType.COUNTY_PUBLIC_SECURITY)
    return institution


def escape_period(absconded_on: dt.date | None, arrested_at: dt.datetime | None) -> Any:
    """The candidate period not counted (CPL Art 268 ¶3, escape): from the day the person
    was at large to the day before the arrest (the day of the arrest is spent in custody).
    None when not both known or when the arrest came the same day."""
    if absconded_on is None or arrested_at is None:
        return None
    last = timezone.localdate(arrested_at) - dt.timedelta(days=1)
    if last < absconded_on:
        return None
    return {"first_day": absconded_on, "last_day": last, "days": (last - absconded_on).days + 1}
