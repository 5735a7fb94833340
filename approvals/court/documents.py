"""The court's documents (legal-spec §5): DOC-16C, the decision to execute the sentence
temporarily outside prison, and DOC-18, the notice that it will not be (P2014 Art 18;
SPC-Interp Art 515), rendered from `templates/pdf/court_decision.html`.
"""

from __future__ import annotations

from typing import Any

from cases.jurisdiction import Capacity
from cases.models import Case

from ..models import CourtProceeding
from ..services import residence_cci

DOC_16C = "暂予监外执行决定书"
DOC_18 = "不予暂予监外执行通知书"


def court_decision_context(
    case: Case,
    proceeding: CourtProceeding,
    *,
    grant: bool,
    reasons: str,
    presiding_judge: str = "",
) -> dict[str, Any]:
    """DOC-16C / DOC-18: the offender's basic information, the charges and penalties fixed by
    the judgment, the reasons and the legal basis (P2014 Art 18 ¶2; SPC-Interp Art 515)."""
    from cases.documents import case_document_context

    sentence = case.sentence
    term = ""
    if sentence.original_term is not None:
        term = f"{sentence.original_years}年" + (
            f"{sentence.original_months}个月" if sentence.original_months else ""
        )
    legal_basis = (
        "《中华人民共和国刑事诉讼法》第二百六十五条、《暂予监外执行规定》第十七条、第十八条、"
        "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第五百一十五条"
        if grant
        else "《暂予监外执行规定》第十八条第三款"
    )
    return {
        **case_document_context(case, "court-decision"),
        "approved": grant,
        "reasons": reasons,
        "court": proceeding.court,
        "proceeding": proceeding,
        "executing_organ": proceeding.executing_organ,
        "charges": sentence.offences,
        "penalty": f"{sentence.get_original_type_display()}{term}",
        "judgment_number": sentence.judgment_number,
        "judgment_effective_on": proceeding.judgment_effective_on,
        "legal_basis": legal_basis,
        "cci": residence_cci(case) if grant else None,
        "procuratorate_copy": proceeding.consultation_requested_of
        or case.participant(Capacity.DECISION_PROCURATORATE),
        "presiding_judge": presiding_judge,
    }
