"""Redacted Internet publication of decisions (P2014 Art 14 "上网公开").

Only approval decisions are published (the Provisions require publication of the decision to
grant); the text is built from an allow-list of fields, never by deleting fields from a fuller
text, so nothing unlisted can leak.
"""

from __future__ import annotations

from django.utils import timezone

from cases.models import Case

from .models import ApprovalDecision, Publication

GROUND_LABELS = {
    "ground_medical": "患有严重疾病需要保外就医",
    "ground_pregnancy": "怀孕或者正在哺乳自己婴儿",
    "ground_self_care": "生活不能自理",
}


def masked_name(name: str) -> str:
    return f"{name[:1]}某" if name else "某"


def _basis(case: Case) -> str:
    """The article the deciding organ acted under: the court before the execution documents
    are served (P2014 Art 18; SPC-Interp Art 515), otherwise the approving authority
    (P2014 Art 14)."""
    if case.on_court_path:
        return (
            "《暂予监外执行规定》第十八条、"
            "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第五百一十五条"
        )
    return "《暂予监外执行规定》第十四条"


def publication_text(decision: ApprovalDecision) -> tuple[str, str]:
    case = decision.case
    sentence = case.sentence
    term = ""
    if sentence.original_term is not None:
        term = f"{sentence.original_years}年" + (
            f"{sentence.original_months}个月" if sentence.original_months else ""
        )
    grounds = "、".join(label for field, label in GROUND_LABELS.items() if getattr(case, field))
    title = f"{decision.authority}关于罪犯{masked_name(case.offender.name)}暂予监外执行的决定"
    body = (
        f"决定书文号：{decision.number}\n"
        f"决定机关：{decision.authority}\n"
        f"决定日期：{timezone.localtime(decision.decided_at):%Y年%m月%d日}\n"
        f"罪犯：{masked_name(case.offender.name)}，{case.offender.get_sex_display()}\n"
        f"罪名：{sentence.offences}\n"
        f"原判刑罚：{sentence.get_original_type_display()}{term}\n"
        f"暂予监外执行情形：{grounds}\n"
        f"决定：依照《中华人民共和国刑事诉讼法》第二百六十五条、{_basis(case)}，"
        f"决定暂予监外执行。"
    )
    return title, body


def decision_publish(decision: ApprovalDecision) -> Publication | None:
    """Publish an approval decision once; a non-approval is not published, nor a decision on
    a person who was a minor at the time of the offence (legal-spec E-31; CCL Arts 52-58)."""
    if not decision.approved:
        return None
    from .public.juveniles import case_is_juvenile

    if case_is_juvenile(decision.case):
        return None
    title, body = publication_text(decision)
    publication, _created = Publication.objects.get_or_create(
        decision=decision,
        defaults={"published_at": timezone.now(), "title": title, "body": body},
    )
    return publication
