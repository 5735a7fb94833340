"""The four conditions of a guarantor, each item on its own (P2014 Art 11; legal-spec DOC-08,
E-15). Pure predicates: the model (`cases.models.Guarantor.article_11_unmet`) hands over its
findings and the places the person will live; every unmet item names its article item.

Art 11(4) — "able to live with the guaranteed person, or live in the same city or county" — is
computed from the region codes (GB/T 2260), not ticked: the same six digits are the same
county; the same first four digits are the same prefecture-level city. Two exceptions of the
code itself:
- a municipality directly under the central government (Beijing, Tianjin, Shanghai,
  Chongqing) is one city, although its districts and counties carry different middle digits
  (Chongqing 5001xx districts and 5002xx counties);
- the middle digits "90" group county-level units directly under the province (e.g. 429004
  仙桃市), each a city of its own: only the same six digits count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kernel.refusals import Requirement

#: GB/T 2260: the four municipalities directly under the central government.
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
#: GB/T 2260: middle digits of county-level units administered directly by the province.
PROVINCE_ADMINISTERED = "90"


@dataclass(frozen=True)
class Place:
    """Where someone lives: the address as written and its 6-digit region code."""

    address: str
    region_code: str

    def __str__(self) -> str:
        if not self.address:
            return self.region_code
        return str(
            _("%(address)s (%(code)s)") % {"address": self.address, "code": self.region_code}
        )


def same_county(a: str, b: str) -> bool:
    return len(a) == 6 and a == b


def same_city(a: str, b: str) -> bool:
    """Same prefecture-level city (first four digits), a municipality as one city, a
    province-administered county-level unit as a city of its own."""
    if len(a) != 6 or len(b) != 6:
        return False
    if a[:2] in MUNICIPALITIES:
        return a[:2] == b[:2]
    if PROVINCE_ADMINISTERED in (a[2:4], b[2:4]):
        return a == b
    return a[:4] == b[:4]


def same_city_or_county(a: str, b: str) -> bool:
    """P2014 Art 11(4): the same county, or the same city."""
    return same_county(a, b) or same_city(a, b)


@dataclass(frozen=True)
class Finding:
    """One condition's finding (yes/no) and the evidence the examiner relied on."""

    met: bool
    evidence: str


#: The items of Art 11 with what a "no" finding and a missing evidence say.
_ITEMS = (
    (
        "P2014 Art 11(1)",
        _(
            "The guarantor was not found to have full civil capacity and to be willing to assume "
            "the duties of a guarantor."
        ),
        _("State the evidence relied on for the guarantor's civil capacity and willingness."),
    ),
    (
        "P2014 Art 11(2)",
        _("The guarantor's personal freedom was found to be restricted."),
        _("State the evidence relied on that the guarantor's personal freedom is not restricted."),
    ),
    (
        "P2014 Art 11(3)",
        _("The guarantor was not found to have a fixed residence and a stable income."),
        _("State the evidence relied on for the guarantor's fixed residence and income."),
    ),
)


def article_11_unmet(
    *,
    findings: Sequence[Finding],
    lives_with_person: bool,
    residence: Place,
    residence_evidence: str,
    person_residences: Iterable[Place],
) -> list[Requirement]:
    """Every item of Art 11 the guarantor fails, each with its article item; [] when all four
    are met. `findings` are items (1) to (3); item (4) is computed from the places."""
    out = []
    for (article, refused, no_evidence), finding in zip(_ITEMS, findings, strict=True):
        if not finding.met:
            out.append(Requirement(article, refused))
        elif not finding.evidence.strip():
            out.append(Requirement(article, no_evidence))
    item_4 = _item_4(lives_with_person, residence, list(person_residences))
    if item_4 is not None:
        out.append(Requirement("P2014 Art 11(4)", item_4))
    elif not residence_evidence.strip():
        out.append(
            Requirement(
                "P2014 Art 11(4)",
                _("State the evidence relied on for where the guarantor lives."),
            )
        )
    return out


def _item_4(lives_with_person: bool, residence: Place, person: list[Place]) -> str | None:
    if lives_with_person:
        return None
    if not residence.region_code:
        return str(
            _(
                "Record the guarantor's residence address and its region code, or that the "
                "guarantor lives with the prisoner."
            )
        )
    if not person:
        return str(
            _(
                "The region code of the prisoner's residence is not known: the guarantor's "
                "residence cannot be compared with it."
            )
        )
    if any(same_city_or_county(residence.region_code, p.region_code) for p in person):
        return None
    return str(
        _(
            "The guarantor lives in %(guarantor)s, not in the city or county of the prisoner's "
            "residence, %(person)s."
        )
    ) % {
        "guarantor": residence,
        "person": str(_(" or ")).join(str(p) for p in person),
    }
