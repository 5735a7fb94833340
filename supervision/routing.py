"""Where a person goes back to custody after the decision on imprisonment, and who takes them
(P2014 Art 24; CCL Art 49 ¶3-4; legal-spec T-S06, E-06). Pure: it works on organisation types
and the remaining term stored with the TEOP decision (`cases.remaining_term`).

- The court decided: the public security organ of the residence delivers the person at once,
  to the detention centre when the remaining term on the day of the TEOP decision was three
  months or less, otherwise to a prison (Art 24 ¶1).
- The prison administration decided: the original prison, or the prison holding the file when
  that is another (Art 20), goes at once to take the person in (Art 24 ¶2).
- The public security organ decided: the detention centre of the residence takes the person in
  (Art 24 ¶3).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from kernel.accounts.roles import OrganisationType


class Destination(StrEnum):
    DETENTION_CENTRE = "detention_centre"
    PRISON = "prison"
    ORIGINAL_INSTITUTION = "original_institution"
    RESIDENCE_DETENTION_CENTRE = "residence_detention_centre"


class Escort(StrEnum):
    RESIDENCE_PUBLIC_SECURITY = "residence_public_security"
    ORIGINAL_INSTITUTION = "original_institution"
    RESIDENCE_DETENTION_CENTRE = "residence_detention_centre"


@dataclass(frozen=True)
class Route:
    destination: Destination
    escort: Escort
    #: The institution types that may take the person in on this route.
    institution_types: frozenset[str]
    article: str
    reason: StrOrPromise


class RoutingError(ValueError):
    """The facts do not allow a route (an organ that does not decide imprisonment, or a court
    decision without the remaining term)."""


def custody_route(*, deciding_organ_type: str, three_months_or_less: bool | None) -> Route:
    """The route of P2014 Art 24 for this deciding organ and remaining term."""
    T = OrganisationType
    if deciding_organ_type == T.COURT:
        if three_months_or_less is None:
            raise RoutingError(
                "A court's decision routes by the remaining term on the day of the decision on "
                "temporary execution, which is not known (P2014 Art 24 ¶1)."
            )
        if three_months_or_less:
            return Route(
                Destination.DETENTION_CENTRE,
                Escort.RESIDENCE_PUBLIC_SECURITY,
                frozenset({T.DETENTION_CENTRE}),
                "P2014 Art 24 ¶1",
                _(
                    "The court decided and the remaining term on the day of the decision on "
                    "temporary execution was three months or less: the public security organ of "
                    "the residence delivers the person to the detention centre."
                ),
            )
        return Route(
            Destination.PRISON,
            Escort.RESIDENCE_PUBLIC_SECURITY,
            frozenset({T.PRISON}),
            "P2014 Art 24 ¶1",
            _(
                "The court decided and the remaining term on the day of the decision on temporary "
                "execution was more than three months: the public security organ of the "
                "residence delivers the person to a prison."
            ),
        )
    if deciding_organ_type == T.PRISON_ADMINISTRATION:
        return Route(
            Destination.ORIGINAL_INSTITUTION,
            Escort.ORIGINAL_INSTITUTION,
            frozenset({T.PRISON}),
            "P2014 Art 24 ¶2",
            _(
                "The prison administration decided: the original prison, or the prison holding "
                "the file, goes at once and takes the person in."
            ),
        )
    if deciding_organ_type == T.MUNICIPAL_PUBLIC_SECURITY:
        return Route(
            Destination.RESIDENCE_DETENTION_CENTRE,
            Escort.RESIDENCE_DETENTION_CENTRE,
            frozenset({T.DETENTION_CENTRE}),
            "P2014 Art 24 ¶3",
            _(
                "The public security organ decided: the detention centre of the residence takes "
                "the person in."
            ),
        )
    raise RoutingError(f"Organ type {deciding_organ_type!r} does not decide imprisonment.")
