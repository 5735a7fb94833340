"""Every statutory clock of legal-spec §4, defined once: unit, length, article, who answers for
it and when it alerts. Workflows open deadlines by code; nothing else states a period."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kernel.accounts.roles import (
    COURT_ROLES,
    EXECUTING_PUBLIC_SECURITY_ROLES,
    INVESTIGATING_ROLES,
    Role,
)
from kernel.workcalendar.clock import Unit


@dataclass(frozen=True)
class AlertPolicy:
    """When the rungs fire, relative to the due time (legal-spec §4 alert policy)."""

    #: "due soon" fires this many days before the due date (working days for WD clocks).
    due_soon_days: int = 1
    #: escalation to the head of the responsible organisation this many days after due.
    escalate_after_days: int = 1


@dataclass(frozen=True)
class DeadlineKind:
    code: str
    title: object  # a lazy translation
    unit: Unit
    amount: int
    article: str
    trigger: object
    responsible_roles: frozenset[str]
    head_roles: frozenset[str]
    policy: AlertPolicy = AlertPolicy()
    #: CPL Art 105 ¶3: a last day on a rest day moves on (E-02); not for persons in custody.
    roll_over: bool = True
    in_custody: bool = False


_PRISON = frozenset({Role.PRISON_CLERK})
_PRISON_HEAD = frozenset({Role.PRISON_LEADER})
_APPROVER = frozenset({Role.APPROVER})
_APPROVER_HEAD = frozenset({Role.APPROVING_HEAD})
_PROC = frozenset({Role.PROCURATOR})
_CCI = frozenset({Role.CORRECTION_OFFICER})
#: The organs a rectification opinion or suggestion is addressed to (P2014 Art 29): whoever
#: of the addressed organisation answers for its reply.
_REPLYING = frozenset(
    {Role.PRISON_CLERK, Role.PRISON_LEADER, Role.APPROVER, Role.APPROVING_HEAD, Role.JUDGE}
    | COURT_ROLES
    | _CCI
)

KINDS: dict[str, DeadlineKind] = {
    k.code: k
    for k in [
        DeadlineKind(
            "D-03",
            _("Announce the emergency release in the prison"),
            Unit.WORKING_DAYS,
            3,
            "P2014 Art 13 ¶1",
            _("release without publicity"),
            _PRISON,
            _PRISON_HEAD,
        ),
        DeadlineKind(
            "D-04",
            _("Approving authority decides on the proposal"),
            Unit.WORKING_DAYS,
            15,
            "P2014 Art 14",
            _("receipt of the proposal materials"),
            _APPROVER,
            _APPROVER_HEAD,
            AlertPolicy(due_soon_days=5),
        ),
        DeadlineKind(
            "D-05",
            _("Deliver the approval decision to the prison"),
            Unit.WORKING_DAYS,
            5,
            "P2014 Art 14",
            _("approval decision"),
            _APPROVER,
            _APPROVER_HEAD,
        ),
        DeadlineKind(
            "D-06",
            _("Deliver the non-approval decision"),
            Unit.WORKING_DAYS,
            5,
            "P2014 Art 14",
            _("non-approval decision"),
            _APPROVER,
            _APPROVER_HEAD,
        ),
        # Event-gated in the law: the court decides only before the legal documents for
        # executing the penalty are served (P2014 Art 18 ¶1, ¶3), and those are served within
        # 10 days of the judgment taking effect (CPL Art 264; SPC-Interp Art 511), which caps
        # the court's window (legal-spec D-08). Due soon at half the window (§4 alert policy).
        DeadlineKind(
            "D-08",
            _("Court decides before the execution documents are served"),
            Unit.CALENDAR_DAYS,
            10,
            "P2014 Art 18 ¶1; CPL Art 264; SPC-Interp Art 511",
            _("judgment takes effect"),
            COURT_ROLES,
            COURT_ROLES,
            AlertPolicy(due_soon_days=5),
        ),
        DeadlineKind(
            "D-09",
            _("Procuratorial opinion on the proposal"),
            Unit.CALENDAR_DAYS,
            10,
            "SPP-Rules Art 630",
            _("receipt of the copy of the proposal"),
            _PROC,
            _PROC,
            AlertPolicy(due_soon_days=3),
        ),
        # No statutory number (the law says the copy is sent, not when it is signed for): the
        # procuratorate acknowledges a copy or decision sent to it within the setting
        # TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS working days (default 3), or its sender is told.
        DeadlineKind(
            "D-09a",
            _("Procuratorate acknowledges the copy"),
            Unit.WORKING_DAYS,
            getattr(settings, "TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS", 3),
            "P2014 Art 13 ¶3",
            _("copy sent to the procuratorate"),
            # The sender: the prison, the deciding organ, and in supervision the county
            # judicial administration (proposal to imprison) and the community correction.
            frozenset(
                {Role.PRISON_CLERK, Role.APPROVER, Role.COURT_CLERK, Role.CORRECTION_OFFICER}
            ),
            frozenset(
                {Role.PRISON_LEADER, Role.APPROVING_HEAD, Role.JUDGE, Role.JUDICIAL_ADMIN_HEAD}
            ),
        ),
        DeadlineKind(
            "D-10",
            _("Procuratorial objection to the decision"),
            Unit.MONTHS,
            1,
            "P2014 Art 30; CPL Art 267",
            _("receipt of the decision"),
            _PROC,
            _PROC,
            AlertPolicy(due_soon_days=7),
        ),
        # The law says "immediately" (立即): no statutory number. Five working days is the
        # configurable soft limit legal-spec D-11 recommends for the approving authorities.
        DeadlineKind(
            "D-11",
            _("Re-examine the decision after a procuratorial objection"),
            Unit.WORKING_DAYS,
            5,
            "P2014 Art 30; CPL Art 267",
            _("receipt of the procuratorial objection"),
            _APPROVER,
            _APPROVER_HEAD,
        ),
        # Issue 13 (P7/P8): a court re-examines within one month, not the administrations'
        # five-working-day soft limit (SPC-Interp Art 515 ¶3).
        DeadlineKind(
            "D-11c",
            _("The court re-examines its decision after a procuratorial objection"),
            Unit.MONTHS,
            1,
            "SPC-Interp Art 515 ¶3",
            _("receipt of the procuratorial objection"),
            COURT_ROLES,
            COURT_ROLES,
            AlertPolicy(due_soon_days=7),
        ),
        DeadlineKind(
            "D-12",
            _("Court serves its TEOP decision"),
            Unit.CALENDAR_DAYS,
            7,
            "P2014 Art 18 ¶2",
            _("judgment takes effect"),
            COURT_ROLES,
            COURT_ROLES,
        ),
        DeadlineKind(
            "D-13a",
            _("Notify the community-correction institution"),
            Unit.CALENDAR_DAYS,
            5,
            "CCL Art 20",
            _("decision takes effect"),
            _APPROVER | COURT_ROLES,
            _APPROVER_HEAD | COURT_ROLES,
        ),
        DeadlineKind(
            "D-13b",
            _("Deliver the documents to the community-correction institution"),
            Unit.CALENDAR_DAYS,
            10,
            "CCL Art 20",
            _("decision takes effect"),
            _APPROVER | COURT_ROLES,
            _APPROVER_HEAD | COURT_ROLES,
        ),
        DeadlineKind(
            "D-14",
            _("Hand the offender over to community correction"),
            Unit.CALENDAR_DAYS,
            10,
            "CCL Art 21",
            _("receipt of the decision"),
            # On the court path, the organ executing bail or residential surveillance too.
            _PRISON | EXECUTING_PUBLIC_SECURITY_ROLES,
            _PRISON_HEAD,
            AlertPolicy(due_soon_days=3),
        ),
        DeadlineKind(
            "D-15",
            _("Quarterly review of the medical re-examination"),
            Unit.MONTHS,
            3,
            "P2014 Art 21",
            _("reception or previous review"),
            _CCI,
            _CCI,
            AlertPolicy(due_soon_days=14),
        ),
        # The person's own re-examination at a designated hospital every three months,
        # reminded to the person and the guarantor by SMS (supervision.medical). Reported by
        # the Shanxi 2023 report under the CCL Implementation Measures, whose text was not
        # retrieved (legal-spec §4 D-15b): the article cited is the review it feeds.
        DeadlineKind(
            "D-15b",
            _("Re-examination at a designated hospital every three months"),
            Unit.MONTHS,
            3,
            "P2014 Art 21",
            _("reception or the previous re-examination"),
            _CCI,
            _CCI,
            AlertPolicy(due_soon_days=7),
        ),
        # A postponed re-examination (病情复查延期) approved by the CCI: due on the day approved
        # (the clock starts the day before; no roll-over, the date is the one decided).
        DeadlineKind(
            "D-15c",
            _("Postponed re-examination at a designated hospital"),
            Unit.CALENDAR_DAYS,
            1,
            "P2014 Art 21",
            _("postponement approved (the day before the date approved)"),
            _CCI,
            _CCI,
            AlertPolicy(due_soon_days=7),
            roll_over=False,
        ),
        DeadlineKind(
            "D-16",
            _("Notify the CCI of a compulsory measure"),
            Unit.HOURS,
            24,
            "P2014 Art 22 ¶1",
            _("compulsory measure taken"),
            _CCI,
            _CCI,
            AlertPolicy(due_soon_days=0, escalate_after_days=0),
            roll_over=False,
        ),
        DeadlineKind(
            "D-20",
            _("Decide on the proposal for imprisonment"),
            Unit.CALENDAR_DAYS,
            30,
            "CCL Art 49 ¶2; SPC-Interp Art 517",
            _("receipt of the proposal"),
            _APPROVER | COURT_ROLES,
            _APPROVER_HEAD | COURT_ROLES,
            AlertPolicy(due_soon_days=10),
        ),
        DeadlineKind(
            "D-21",
            _("Intermediate court rules on recalculating the sentence"),
            Unit.MONTHS,
            1,
            "P2014 Art 26 ¶1",
            _("receipt of the proposal"),
            COURT_ROLES,
            COURT_ROLES,
            AlertPolicy(due_soon_days=7),
        ),
        DeadlineKind(
            "D-22",
            _("Written notice of the sentence's expiry"),
            Unit.MONTHS,
            1,
            "P2014 Art 27 ¶1",
            _("one month before the sentence expires"),
            _CCI,
            _CCI,
            AlertPolicy(due_soon_days=21),
        ),
        DeadlineKind(
            "D-23",
            _("Written notice of death"),
            Unit.CALENDAR_DAYS,
            5,
            "P2014 Art 28",
            _("discovery of the death"),
            _CCI,
            _CCI,
        ),
        # legal-spec E-11/E-12: after the birth the ground is nursing one's own baby; the
        # nursing period is counted to the child's first birthday (a spec decision, not a
        # statutory period); the officer is alerted 30 days before to assess the ground.
        DeadlineKind(
            "E-12",
            _("The nursing period ends (the child's first birthday)"),
            Unit.MONTHS,
            12,
            "P2014 Art 5 ¶1(2)",
            _("birth of the child"),
            _CCI,
            _CCI,
            AlertPolicy(due_soon_days=30),
            roll_over=False,
        ),
        DeadlineKind(
            "D-24",
            _("Electronic monitoring period"),
            Unit.MONTHS,
            3,
            "CCL Art 29 ¶2",
            _("start of the monitoring period"),
            _CCI,
            _CCI,
            AlertPolicy(due_soon_days=7),
        ),
        # SPC-Interp Art 516(7) says "within the prescribed period" and the retrieved texts
        # give none (legal-spec D-30): the period is the setting
        # TEOP_GUARANTOR_REPLACEMENT_DAYS, calendar days, default 15.
        DeadlineKind(
            "D-30",
            _("Propose a new guarantor"),
            Unit.CALENDAR_DAYS,
            getattr(settings, "TEOP_GUARANTOR_REPLACEMENT_DAYS", 15),
            "SPC-Interp Art 516(7)",
            _("the guarantor lost the conditions, was disqualified or died"),
            _CCI,
            _CCI,
            AlertPolicy(due_soon_days=3),
        ),
        # legal-spec D-27: no period in the retrieved texts (P2014 Art 8 ¶2 and CCL Art 18 set
        # none; the Implementation Measures, which may, were not retrieved): the period is the
        # setting TEOP_INVESTIGATION_WORKING_DAYS, working days, default 10.
        DeadlineKind(
            "D-27",
            _("Entrusted investigation and evaluation (no statutory number: setting)"),
            Unit.WORKING_DAYS,
            getattr(settings, "TEOP_INVESTIGATION_WORKING_DAYS", 10),
            "P2014 Art 8 ¶2; CCL Art 18",
            _("entrustment of the investigation and evaluation"),
            INVESTIGATING_ROLES,
            frozenset({Role.JUDICIAL_ADMIN_HEAD}),
            AlertPolicy(due_soon_days=2),
        ),
        DeadlineKind(
            "D-25",
            _("Written rectification after an uncorrected oral opinion"),
            Unit.CALENDAR_DAYS,
            7,
            "SPP-Rules Art 624",
            _("oral opinion"),
            _PROC,
            _PROC,
        ),
        # D-26: the organ's written reply to a rectification opinion (CCL Art 62). Neither the
        # CCL nor the SPP-Rules (Arts 552-553, 624) state a period: the setting
        # TEOP_RECTIFICATION_REPLY_DAYS, calendar days, default 15 (legal-spec D-26 "config").
        DeadlineKind(
            "D-26",
            _("Written reply to a rectification opinion"),
            Unit.CALENDAR_DAYS,
            getattr(settings, "TEOP_RECTIFICATION_REPLY_DAYS", 15),
            "CCL Art 62",
            _("receipt of the written rectification opinion"),
            _REPLYING,
            _REPLYING,
            AlertPolicy(due_soon_days=3),
        ),
        # D-26s: the reply to a procuratorial suggestion (CCL Art 62; SPP-Rules Art 624(3)). The
        # two months of the SPP's rules on procuratorial suggestions are not in the retrieved
        # texts: the setting TEOP_SUGGESTION_REPLY_MONTHS, default 2.
        DeadlineKind(
            "D-26s",
            _("Written reply to a procuratorial suggestion"),
            Unit.MONTHS,
            getattr(settings, "TEOP_SUGGESTION_REPLY_MONTHS", 2),
            "CCL Art 62",
            _("receipt of the procuratorial suggestion"),
            _REPLYING,
            _REPLYING,
            AlertPolicy(due_soon_days=7),
        ),
        # D-34: field verification at the frequency the supervision grade sets (CCL Art 24).
        # One kind per grade, because a kind has one fixed length and every recomputation
        # (suspension, calendar reload) reads the length from the kind, never from the row.
        *(
            DeadlineKind(
                code,
                title,
                Unit.CALENDAR_DAYS,
                int(settings.TEOP_VERIFICATION_INTERVAL_DAYS[grade]),
                "CCL Art 24",
                _("plan adopted, grade changed or previous verification"),
                _CCI,
                _CCI,
                AlertPolicy(due_soon_days=min(3, settings.TEOP_VERIFICATION_INTERVAL_DAYS[grade])),
                # A frequency of supervision, not a procedural period (CPL Art 105 ¶3): a
                # last day on a holiday does not move on.
                roll_over=False,
            )
            for code, grade, title in (
                ("D-34s", "strict", _("Field verification at the grade's frequency (strict)")),
                ("D-34o", "ordinary", _("Field verification at the grade's frequency (ordinary)")),
                ("D-34l", "lenient", _("Field verification at the grade's frequency (lenient)")),
            )
        ),
    ]
}


def kind(code: str) -> DeadlineKind:
    try:
        return KINDS[code]
    except KeyError:
        raise ValueError(f"Unknown deadline kind {code!r}; see legal-spec §4.") from None
