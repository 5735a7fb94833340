"""Pure rules of the proposal for imprisonment (legal-spec §3.4 list R; no database writes).

The statutory grounds (CPL Art 268 ¶1) and the court path's eight (SPC-Interp Art 516) say the
same things in two lists: a ground raised by a supervision act under one list is also the
matching ground of the other, with the same record as its evidence. The review that found the
circumstances gone (CPL Art 268 ¶1(3)) is SPC-Interp Art 516(6); not meeting the conditions
is 268 ¶1(1) and 516(1); each of 516(2)-(5), (7) and (8) is a serious violation of the
supervision rules, 268 ¶1(2).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..models import RevocationGroundKind

K = RevocationGroundKind

_VIOLATIONS = (K.SPC_2, K.SPC_3, K.SPC_4, K.SPC_5, K.SPC_7, K.SPC_8)

#: For each ground of list R, the grounds of the other list that say the same.
GROUND_EQUIVALENTS: Mapping[str, frozenset[str]] = {
    K.CPL_1: frozenset({K.SPC_1}),
    K.SPC_1: frozenset({K.CPL_1}),
    K.CPL_3: frozenset({K.SPC_6}),
    K.SPC_6: frozenset({K.CPL_3}),
    K.CPL_2: frozenset(_VIOLATIONS),
    **{ground: frozenset({K.CPL_2}) for ground in _VIOLATIONS},
}


def grounds_offered(raised: Iterable[str]) -> list[str]:
    """The grounds a proposal offers pre-selected for the kinds of the grounds raised: each
    raised kind and its statutory or court-path equivalent, in the order of list R. A
    serious violation offers CPL Art 268 ¶1(2) but not every other violation."""
    offered: set[str] = set()
    for kind in raised:
        offered.add(kind)
        if kind != K.CPL_2:
            offered |= GROUND_EQUIVALENTS.get(kind, frozenset())
    return [code for code in K.values if code in offered]


def grounds_unevidenced(
    grounds: Iterable[str], *, raised: Iterable[str], uploaded: Iterable[str]
) -> list[str]:
    """The chosen grounds with no evidence: a ground is evidenced by a raised ground of its
    kind or an equivalent kind (the raising record is the proof), or by an upload for it."""
    raised_kinds = set(raised)
    uploads = set(uploaded)
    missing = []
    for ground in grounds:
        if ground in uploads or ground in raised_kinds:
            continue
        if GROUND_EQUIVALENTS.get(ground, frozenset()) & raised_kinds:
            continue
        missing.append(ground)
    return missing
