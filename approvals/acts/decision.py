"""The decision of the deciding organ, declared once for both organs that decide (legal-spec
§3.1 T-B11/T-B11x, §3.3 T-A05/T-A05x):

- `decision_issue`: the prison administration or public security organ decides on the proposal
  within 15 working days of receipt (P2014 Art 14; DOC-16 / DOC-17);
- `court_decision_issue`: the court decides before the execution documents are served, after
  seeking the procuratorate's opinion (P2014 Art 18; SPC-Interp Art 515; DOC-16C / DOC-18);
- `opinion_answer`: the approving authority answers a procuratorial opinion before deciding.

Both are the same procedure (`decision_effects`): the transition, the official number, the
document, its signature with the decider's one-time password, the `ApprovalDecision`, the
window met and the clocks opened, the deliveries, the community-correction institution as a
participant, the publication of a grant and the notices. What differs between the two organs is
data, a `DecisionPath`: the inputs' names, the number series, the document, the recipients of
the copies, the clocks and who else is told.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.duties import require_not_diagnosis_entrant
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, CasePath, CaseState, ProcuratorialOpinion
from cases.remaining_term import remaining_term_at
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import COURT_DECIDING_ROLES, CUSTODY_ROLES, Role
from kernel.bounds import PAST_EVENT
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.documents.services import document_issue
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement

from .. import court
from ..models import ApprovalDecision, CourtProceeding, DecisionKind, Delivery, OpinionAnswer
from ..rules import missing_for_decision
from ..services._common import _authority_of
from ..services.decision import (
    COURT_DECISION_SERIES,
    DECISION_SERIES,
    decision_document_sign,
    decision_number_issue,
)
from ..services.deliveries import _residence_public_security, residence_cci
from .deliveries import deliveries_send

Recipients = list[tuple[Organisation | None, str]]


@dataclass(frozen=True)
class Clock:
    """A statutory clock the decision opens (kernel.deadlines)."""

    code: str
    trigger_at: dt.datetime
    in_custody: bool = False


@dataclass(frozen=True, kw_only=True)
class DecisionPath:
    """What differs between the approving authority's decision and the court's."""

    #: The names of the inputs: grant or not, the day the deliberating body sat, its size.
    grant_param: str
    held_on_param: str
    members_param: str
    members_message: str | Promise
    #: The series word of the number, by grant (`kernel.numbering`).
    series: Mapping[bool, str]
    #: The document: its template and title by grant, and what it prints.
    template: str
    titles: Mapping[bool, str]
    context: Callable[[Case, bool, str, User], dict[str, Any]]
    #: The audit action, by grant.
    audit: Mapping[bool, str]
    #: The window the decision meets (D-04 / D-08).
    window: str
    #: The clocks the decision opens besides the community-correction institution's (D-13a/b).
    clocks: Callable[[Case, bool, dt.datetime], list[Clock]]
    #: Who receives the decision whatever it says; a grant goes also to the place of execution.
    recipients: Callable[[Case], Recipients]
    #: The court tells the community-correction institution to receive the offender and
    #: informs the procuratorate of its decision (P2014 Art 18 ¶3; CCL Arts 20-21).
    tells_cci: bool = False
    informs_procuratorate: bool = False


# The approving authority (P2014 Art 14).


def deciding_authority_of(case: Case, actor: User) -> Organisation:
    """The approving authority's approvers decide a proposal; on the court path the court
    decides (`court_decision_issue`)."""
    if case.path == CasePath.COURT:
        raise PermissionDenied(
            _("On the court path the court decides, not an approving authority (P2014 Art 18).")
        )
    authority = _authority_of(case, actor)
    require_not_diagnosis_entrant(case, actor)
    return authority


def _authority_requires(case: Case, params: Params) -> list[Requirement]:
    authority = case.participant(Capacity.DECISION_ORGAN)
    assert authority is not None, "registration makes the deciding organ a participant"
    return missing_for_decision(
        case,
        authority_type=authority.type,
        committee_members_present=params.get("committee_members_present"),
    )


def _authority_context(case: Case, approve: bool, reasons: str, actor: User) -> dict[str, Any]:
    from cases.documents import case_document_context

    return {**case_document_context(case, "decision"), "approved": approve, "reasons": reasons}


def _authority_clocks(case: Case, approve: bool, now: dt.datetime) -> list[Clock]:
    """Art 14: the decision reaches the institution within 5 working days (D-05 / D-06)."""
    return [Clock("D-05" if approve else "D-06", now)]


def _authority_recipients(case: Case) -> Recipients:
    """Art 14: to the institution; copies to the procuratorate at the same level and the
    original sentencing court."""
    return [
        (case.participant(Capacity.INSTITUTION), Delivery.Purpose.INSTITUTION),
        (case.participant(Capacity.DECISION_PROCURATORATE), Delivery.Purpose.PROCURATORATE),
        (case.participant(Capacity.ORIGINAL_COURT), Delivery.Purpose.ORIGINAL_COURT),
    ]


AUTHORITY = DecisionPath(
    grant_param="approve",
    held_on_param="committee_held_on",
    members_param="committee_members_present",
    members_message=gettext_lazy("At least one member must be present."),
    series=DECISION_SERIES,
    template="decision",
    titles={True: "暂予监外执行决定书", False: "不予批准暂予监外执行决定书"},
    context=_authority_context,
    audit={True: "case.approve", False: "case.refuse"},
    window="D-04",
    clocks=_authority_clocks,
    recipients=_authority_recipients,
)


# The court (P2014 Art 18; SPC-Interp Art 515).


def deciding_judge_of(case: Case, actor: User) -> Organisation:
    """A judge of the case's court decides; its clerks prepare the decision. On the court path
    the court also records the diagnosis (Art 17): the judge who entered it does not decide."""
    organ = court.court_staff_of(case, actor, COURT_DECIDING_ROLES)
    require_not_diagnosis_entrant(case, actor)
    return organ


def _proceeding(case: Case) -> CourtProceeding:
    proceeding: CourtProceeding = case.court_proceeding  # type: ignore[attr-defined]
    return proceeding


def _court_requires(case: Case, params: Params) -> list[Requirement]:
    return court.court_decision_missing(case, _proceeding(case))


def _court_context(case: Case, grant: bool, reasons: str, actor: User) -> dict[str, Any]:
    return court.court_decision_context(
        case,
        _proceeding(case),
        grant=grant,
        reasons=reasons,
        presiding_judge=actor.full_name or actor.username,
    )


def _court_clocks(case: Case, grant: bool, now: dt.datetime) -> list[Clock]:
    """Art 18 ¶2: a grant is served within 7 days of the judgment taking effect (D-12), never
    extended for a detained person (legal-spec §8 decision on CPL Art 105)."""
    if not grant:
        return []
    proceeding = _proceeding(case)
    effective = dt.datetime.combine(
        proceeding.judgment_effective_on, dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    detained = proceeding.custody == CourtProceeding.Custody.DETAINED
    return [Clock("D-12", effective, in_custody=detained)]


def _court_procuratorate(case: Case) -> Organisation | None:
    proceeding = _proceeding(case)
    consulted: Organisation | None = proceeding.consultation_requested_of
    return consulted or case.participant(Capacity.DECISION_PROCURATORATE)


def _court_recipients(case: Case) -> Recipients:
    """Art 18 ¶2-3: to the detention centre or public security organ holding the defendant,
    and to the procuratorate whose opinion was sought."""
    return [
        (_proceeding(case).executing_organ, Delivery.Purpose.INSTITUTION),
        (_court_procuratorate(case), Delivery.Purpose.PROCURATORATE),
    ]


COURT = DecisionPath(
    grant_param="grant",
    held_on_param="panel_held_on",
    members_param="judges",
    members_message=gettext_lazy("Record the number of judges of the collegial panel."),
    series=COURT_DECISION_SERIES,
    template="court_decision",
    titles={True: court.DOC_16C, False: court.DOC_18},
    context=_court_context,
    audit={True: "case.court_grant", False: "case.court_refuse"},
    window="D-08",
    clocks=_court_clocks,
    recipients=_court_recipients,
    tells_cci=True,
    informs_procuratorate=True,
)


# The one procedure.


def _clean(path: DecisionPath) -> Callable[[Case, Params], None]:
    def clean(case: Case, params: Params) -> None:
        if not str(params.get("reasons", "")).strip():
            raise ValidationError(_("Give the reasons for the decision."))
        if int(params.get(path.members_param) or 0) < 1:
            raise ValidationError(str(path.members_message))

    return clean


def decision_effects(firing: Firing, path: DecisionPath) -> ApprovalDecision:
    """The decision of either organ: everything it writes, in the deciding transaction."""
    case, actor, authority, params = firing.case, firing.actor, firing.organisation, firing.params
    grant = bool(params[path.grant_param])
    reasons: str = params["reasons"]
    (case.approve if grant else case.refuse)()
    case.save()
    now = timezone.now()
    number = decision_number_issue(authority=authority, series=path.series[grant])
    title = path.titles[grant]
    document = document_issue(
        subject=case,
        template=path.template,
        number=number,
        title=title,
        issuing_organisation=authority,
        issued_on=timezone.localdate(),
        actor=actor,
        context=path.context(case, grant, reasons, actor),
    )
    remaining = remaining_term_at(case.sentence, timezone.localdate(now))
    decision = ApprovalDecision.objects.create(
        case=case,
        kind=DecisionKind.TEOP,
        remaining_term_days=remaining.days if remaining else None,
        remaining_term_basis=remaining.basis if remaining else None,
        approved=grant,
        authority=authority,
        decided_by=actor,
        decided_at=now,
        number=number,
        reasons=reasons,
        committee_held_on=params[path.held_on_param],
        committee_members_present=params[path.members_param],
        document=document,
    )
    case.decision_cache(decision)
    otp_code = params.get("otp_code")
    if otp_code is not None:  # signed for the deciding organ with the decider's password
        decision_document_sign(document=document, actor=actor, otp_code=otp_code, reason=title)
    firing.action = path.audit[grant]
    firing.payload.update(
        decision_id=decision.pk, number=number, document=document.pk, sha256=document.sha256
    )
    # The decision meets the organ's window, granting or not (Art 14; Art 18 ¶1, ¶3).
    deadline_meet(subject=case, code=path.window, event=f"decision {number}", actor=actor, at=now)
    clocks = path.clocks(case, grant, now)
    cci = residence_cci(case) if grant else None
    recipients = path.recipients(case)
    if grant:
        # CCL Art 20: notify the community-correction institution within 5 days of the
        # decision taking effect, and deliver the legal documents within 10 days, with copies
        # to the public security organ of the place.
        clocks += [Clock("D-13a", now), Clock("D-13b", now)]
        recipients += [
            (cci, Delivery.Purpose.COMMUNITY_CORRECTION),
            (cci, Delivery.Purpose.CCI_DOCUMENTS),
            (_residence_public_security(case), Delivery.Purpose.PUBLIC_SECURITY),
        ]
    for clock in clocks:
        deadline_open(
            code=clock.code,
            subject=case,
            trigger_at=clock.trigger_at,
            responsible_organisation=authority,
            actor=actor,
            in_custody=clock.in_custody,
        )
    if cci is not None:
        CaseParticipant.objects.get_or_create(
            case=case, organisation=cci, capacity=Capacity.EXECUTING_CCI
        )
    deliveries_send(decision, recipients, sent_at=now, actor=actor)
    if grant:
        from ..publication import decision_publish

        decision_publish(decision)
    _notify(case, decision, path, title, cci)
    if grant and case.on_court_path:
        # Art 19; CCL Art 21 ¶2: the organ executing bail or residential surveillance hands over.
        from ..court.public_security import executing_public_security_engage

        executing_public_security_engage(case, decision_number=number)
    return decision


def _notify(
    case: Case,
    decision: ApprovalDecision,
    path: DecisionPath,
    title: str,
    cci: Organisation | None,
) -> None:
    subject = _("%(title)s: %(case)s") % {"title": title, "case": case.number}
    institution = case.participant(Capacity.INSTITUTION)
    assert institution is not None, "registration makes the institution a participant"
    notice_send_to_role(
        organisation_id=institution.pk,
        roles=list(CUSTODY_ROLES),
        key=f"decision:{decision.pk}",
        subject=subject,
        body=decision.reasons[:500],
        link=case.get_absolute_url(),
    )
    if path.tells_cci and cci is not None:
        notice_send_to_role(
            organisation_id=cci.pk,
            roles=[Role.CORRECTION_OFFICER],
            key=f"decision:{decision.pk}:cci",
            subject=subject,
            body=_("CCL Arts 20-21: receive the offender within 10 days."),
            link=case.get_absolute_url(),
        )
    procuratorate = _court_procuratorate(case) if path.informs_procuratorate else None
    if procuratorate is not None:
        notice_send_to_role(
            organisation_id=procuratorate.pk,
            roles=[Role.PROCURATOR],
            key=f"decision:{decision.pk}:proc",
            subject=_("The court informs you of its decision %(number)s (%(title)s): %(case)s")
            % {"number": decision.number, "title": title, "case": case.number},
            body=decision.reasons[:500],
            link=case.get_absolute_url(),
        )


# The API: the body and the answer.

_OTP_CODE = serializers.RegexField(
    r"^\s*\d{6}\s*$",
    required=False,
    help_text=(
        "The six-digit code of the decider's authenticator app: the decision is signed for the "
        "deciding organ in the same transaction, and a wrong code leaves the case undecided."
    ),
)
_REASONS = serializers.CharField(max_length=4000, help_text="The reasons for the decision.")


class DecisionParams(serializers.Serializer[Any]):
    approve = serializers.BooleanField(help_text="Approve (DOC-16) or not (DOC-17).")
    reasons = _REASONS
    committee_held_on = serializers.DateField(
        validators=[PAST_EVENT], help_text="The day the review committee sat."
    )
    committee_members_present = serializers.IntegerField(
        min_value=1,
        max_value=99,
        help_text="Members present (at least 9 for a prison administration, MOJ 2016 Art 3).",
    )
    otp_code = _OTP_CODE


class CourtDecisionParams(serializers.Serializer[Any]):
    grant = serializers.BooleanField(help_text="Grant (DOC-16C) or not (DOC-18).")
    reasons = _REASONS
    panel_held_on = serializers.DateField(
        validators=[PAST_EVENT], help_text="The day the collegial panel deliberated."
    )
    judges = serializers.IntegerField(
        min_value=1, max_value=99, help_text="The judges of the collegial panel."
    )
    otp_code = _OTP_CODE


class DecisionResult(serializers.ModelSerializer[ApprovalDecision]):
    class Meta:
        model = ApprovalDecision
        fields = [
            "id",
            "case",
            "number",
            "approved",
            "authority",
            "decided_at",
            "reasons",
            "committee_held_on",
            "committee_members_present",
        ]


DECISION_ISSUE = Act(
    name="decision_issue",
    label=gettext_lazy("Decide on the proposal"),
    article="P2014 Art 14",
    may=deciding_authority_of,
    states=frozenset({CaseState.PROPOSED}),
    requires=_authority_requires,
    clean=_clean(AUTHORITY),
    effects=lambda firing: decision_effects(firing, AUTHORITY),
    reason_param="reasons",
    audit="case.approve",
    signed=True,
    params=DecisionParams,
    result=DecisionResult,
    example={
        "expected_state": "proposed",
        "approve": True,
        "reasons": "经审查，罪犯患严重疾病，病情属实，保证人符合条件，同意暂予监外执行。",
        "committee_held_on": "2026-03-24",
        "committee_members_present": 9,
        "otp_code": "492817",
    },
    description="T-B11 / T-B11x: DOC-16 or DOC-17, signed, delivered within 5 working days.",
)

COURT_DECISION_ISSUE = Act(
    name="court_decision_issue",
    label=gettext_lazy("Decide on temporary execution outside prison (court)"),
    article=court.ART_18_CONSULT,
    may=deciding_judge_of,
    states=frozenset({CaseState.CONSULTATION}),
    requires=_court_requires,
    clean=_clean(COURT),
    effects=lambda firing: decision_effects(firing, COURT),
    reason_param="reasons",
    audit="case.court_grant",
    signed=True,
    params=CourtDecisionParams,
    result=DecisionResult,
    example={
        "expected_state": "consultation",
        "grant": True,
        "reasons": "经诊断，罪犯患严重疾病，需保外就医，检察院意见同意。",
        "panel_held_on": "2026-03-05",
        "judges": 3,
        "otp_code": "492817",
    },
    description="T-A05 / T-A05x: DOC-16C or DOC-18, signed, served within 7 days (D-12).",
)

acts_register([DECISION_ISSUE, COURT_DECISION_ISSUE])


# The answer to a procuratorial opinion, before deciding (P2014 Art 13 ¶3; SPP-Rules Art 630).

#: The answer is written whenever the opinion came; the decision waits for it
#: (`approvals.rules.missing_for_decision`).
ANY_STATE = frozenset(CaseState.values)


def _opinion_of(case: Case, params: Params) -> ProcuratorialOpinion:
    """The opinion named by the input, among this case's opinions only."""
    opinion = case.procuratorial_opinions.filter(pk=int(params.get("opinion_id") or 0)).first()
    if opinion is None:
        raise Http404
    return opinion


def _answer_clean(case: Case, params: Params) -> None:
    opinion = _opinion_of(case, params)
    if not str(params.get("answer", "")).strip():
        raise ValidationError(_("Write the answer to the procuratorate."))
    if hasattr(opinion, "answer"):
        raise ValidationError(_("This opinion has already been answered."))


def _answered(firing: Firing) -> OpinionAnswer:
    case, params = firing.case, firing.params
    opinion = _opinion_of(case, params)
    record = OpinionAnswer.objects.create(
        opinion=opinion,
        answered_by=firing.actor,
        answered_on=params.get("answered_on") or timezone.localdate(),
        answer=params["answer"],
    )
    firing.payload["opinion_id"] = opinion.pk
    notice_send_to_role(
        organisation_id=opinion.procuratorate_id,
        roles=[Role.PROCURATOR],
        key=f"opinion-answer:{opinion.pk}",
        subject=_("Answer to your opinion on %(case)s") % {"case": case.number},
        body=params["answer"][:500],
        link=case.get_absolute_url(),
    )
    return record


class OpinionAnswerParams(serializers.Serializer[Any]):
    opinion_id = serializers.IntegerField(help_text="The procuratorial opinion of this case.")
    answer = serializers.CharField(max_length=4000, help_text="The answer to the procuratorate.")
    answered_on = serializers.DateField(
        required=False,
        validators=[PAST_EVENT],
        help_text="The day of the answer (default: today).",
    )


class OpinionAnswerResult(serializers.ModelSerializer[OpinionAnswer]):
    class Meta:
        model = OpinionAnswer
        fields = ["id", "opinion", "answered_on", "answer"]


OPINION_ANSWER = Act(
    name="opinion_answer",
    label=gettext_lazy("Answer the procuratorial opinion"),
    article="P2014 Art 13 ¶3; SPP-Rules Art 630",
    may=_authority_of,
    states=ANY_STATE,
    clean=_answer_clean,
    effects=_answered,
    audit="case.opinion_answered",
    params=OpinionAnswerParams,
    result=OpinionAnswerResult,
    example={
        "opinion_id": 12,
        "answer": "经核实，保证人具备保证条件，已补充保证书原件。",
        "answered_on": "2026-03-23",
    },
)

acts_register([OPINION_ANSWER])
