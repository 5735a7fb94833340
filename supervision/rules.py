"""What the law requires before each step from the decision to supervision
(legal-spec T-B12 … T-B14, T-A06, Art 20 variant). Like `cases.rules`, each unmet requirement
names its article; the services, the step list and every refusal use `missing()`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from cases.models import Case, CasePath
from kernel.refusals import Requirement


def _institution_receipt(case: Case) -> list[Requirement]:
    from approvals.models import Delivery

    decision = getattr(case, "decision", None)
    received = (
        decision is not None
        and decision.deliveries.filter(
            purpose=Delivery.Purpose.INSTITUTION, received_at__isnull=False
        ).exists()
    )
    if received:
        return []
    return [
        Requirement(
            "P2014 Art 15 ¶1",
            _("Record the receipt of the decision by the institution first."),
        )
    ]


def _cross_province(case: Case) -> list[Requirement]:
    from approvals.models import CrossProvinceTransfer

    if not CrossProvinceTransfer.required_for(case):
        return []
    transfer = getattr(case, "cross_province", None)
    if transfer is None:
        return [
            Requirement(
                "P2014 Art 20",
                _(
                    "The residence is in another province: the deciding organ must notify that "
                    "province's authority first."
                ),
            )
        ]
    if transfer.fileholder_id is None:
        return [
            Requirement(
                "P2014 Art 20",
                _("The residence province has not yet designated who holds the file."),
            )
        ]
    return []


def court_bail_branch(case: Case) -> bool:
    """T-A06, second branch: the court's defendant is on bail or under residential
    surveillance, so the public security organ executing it hands the person over; nobody is
    held, so nobody is released (P2014 Art 19; CCL Art 21 ¶2; legal-spec T-A06)."""
    from approvals.models import CourtProceeding

    proceeding = getattr(case, "court_proceeding", None)
    return (
        case.path == CasePath.COURT
        and proceeding is not None
        and proceeding.custody != CourtProceeding.Custody.DETAINED
    )


_NOT_RELEASED = Requirement(
    "P2014 Art 19; CCL Art 21",
    _(
        "A defendant on bail or under residential surveillance is not released: the public "
        "security organ executing it hands the person over to the community-correction "
        "institution."
    ),
)


def _prepare_release(case: Case) -> list[Requirement]:
    if court_bail_branch(case):
        return [_NOT_RELEASED]
    return _institution_receipt(case) + _cross_province(case)


def _public_security_hand_over(case: Case) -> list[Requirement]:
    """T-A06 on bail or residential surveillance: the public security organ hands over within
    10 days of receiving the court's decision, which the court serves on it (Art 18 ¶2)."""
    from approvals.models import Delivery

    if not court_bail_branch(case):
        return [
            Requirement(
                "P2014 Art 19; CCL Art 21",
                _(
                    "Only a defendant on bail or under residential surveillance is handed over "
                    "by the public security organ; the detention centre releases and hands over "
                    "a detained defendant itself."
                ),
            )
        ]
    decision = getattr(case, "decision", None)
    served = (
        decision is not None
        and decision.approved
        and decision.deliveries.filter(
            purpose=Delivery.Purpose.INSTITUTION, received_at__isnull=False
        ).exists()
    )
    if not served:
        return [
            Requirement(
                "P2014 Art 18 ¶2",
                _(
                    "The court records the service of its decision on the public security "
                    "organ first."
                ),
            )
        ]
    return []


def _release(case: Case) -> list[Requirement]:
    prep = getattr(case, "release_preparation", None)
    if prep is None:
        return [Requirement("P2014 Art 15", _("Record the preparation of the release."))]
    out = []
    if prep.decision_served_on is None:
        out.append(
            Requirement("P2014 Art 15 ¶1", _("Issue the decision to the prisoner and record it."))
        )
    if case.path != CasePath.COURT and prep.residence_verified_on is None:
        out.append(Requirement("P2014 Art 15 ¶2", _("Verify the residence again before release.")))
    if prep.cci_notified_on is None:
        out.append(
            Requirement(
                "P2014 Art 15 ¶2",
                _("Notify the community-correction institution of the residence in writing."),
            )
        )
    if prep.obligations_notice_id is None:
        out.append(
            Requirement(
                "P2014 Art 15 ¶2; CCL Art 19",
                _("Upload the notice of obligations signed by the prisoner."),
            )
        )
    if case.path == CasePath.PRISON and prep.reform_record_sent_on is None:
        out.append(
            Requirement(
                "Prison Law Art 27",
                _("Send the prisoner's reform record to the community-correction institution."),
            )
        )
    if not prep.escort_officers.strip():
        out.append(Requirement("P2014 Art 16", _("Name the officers escorting the person.")))
    return out


def _receive(case: Case) -> list[Requirement]:
    if getattr(case, "hand_over", None) is None:
        return [
            Requirement(
                "P2014 Arts 16, 19; CCL Art 21",
                _("The hand-over record signed by both sides is not yet recorded."),
            )
        ]
    return []


RULES: dict[str, Callable[[Case], list[Requirement]]] = {
    "prepare_release": _prepare_release,
    "public_security_hand_over": _public_security_hand_over,
    "release": _release,
    "receive_into_supervision": _receive,
}


def missing(case: Case, step: str) -> list[Requirement]:
    return RULES[step](case)
