"""The court path's services (legal-spec §3.3 T-A01…T-A05; P2014 Arts 17-19; SPC-Interp
Arts 514-515; CCL Art 18): one named function per user action.

Opening a court case (T-A01) creates the case, so it is a service of its own, in one
transaction, refusing with the article (P2014 Art 17) what the law does not allow. Every other
action is a thin call of the one runner (`cases.acts.runner.act_run`) with its declaration:
the assessment acts of the proposal procedure (T-A02, `cases.acts.proposal`), the records the
court keeps (`cases.acts.records`), the entrusted investigation, the consultation and the
service of the execution documents (`.acts`), and the decision (`approvals.acts.decision`).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.acts.declaration import Act
from cases.acts.proposal import PROPOSAL_ACTS
from cases.acts.records import RECORD_ACTS
from cases.acts.registry import ACTS
from cases.acts.runner import act_run
from cases.choices import EXECUTING_ORGAN, choice_require, court_executing_organ_choices
from cases.jurisdiction import Capacity
from cases.models import (
    Case,
    CaseParticipant,
    CasePath,
    CaseState,
    MedicalCertificate,
    Offender,
    RecusalDeclaration,
    SelfCareIdentification,
    WrittenApplication,
)
from cases.selectors import supervising_procuratorates
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import COURT_ROLES, OrganisationType
from kernel.audit.services import audit_record
from kernel.deadlines.services import deadline_open
from kernel.numbering.services import number_issue
from kernel.refusals import Requirement, TransitionRefused

from ..models import ApprovalDecision, CourtInvestigation, CourtProceeding
from .acts import (
    COURT_CONSULT_PROCURATORATE,
    COURT_INVESTIGATION_ENTRUST,
    COURT_INVESTIGATION_REPORT,
    COURT_PROCURATORATE_REPLY,
    EXECUTION_DOCUMENTS_SERVED_RECORD,
)
from .rules import ART_17, COURT_STEPS, EXECUTING_ORGAN_TYPES

#: The records of the case file the court keeps itself (T-A01/T-A02; P2014 Arts 9, 17): the acts
#: of `cases.acts.records` for these kinds let the court's staff take them on the court path.
COURT_RECORD_ACTS: dict[type[models.Model], Act] = {
    model: RECORD_ACTS[model]
    for model in (
        WrittenApplication,
        MedicalCertificate,
        SelfCareIdentification,
        RecusalDeclaration,
    )
}


#: The series word of the court's case numbers (西湖法刑监暂〔2026〕001号).
COURT_CASE_SERIES = "刑监暂"


def _case_number_issue(court: Organisation, year: int) -> str:
    return number_issue(
        organisation=court,
        series=COURT_CASE_SERIES,
        year=year,
        taken=lambda number: Case.objects.filter(number=number).exists(),
    )


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


# T-A01: the court is seized.


@transaction.atomic
def court_case_open(
    *,
    actor: User,
    offender: Offender,
    origin: str,
    applied_on: dt.date,
    custody: str,
    executing_organ: Organisation,
    ground_medical: bool = False,
    ground_pregnancy: bool = False,
    ground_self_care: bool = False,
    applicant_name: str = "",
    judgment_effective_on: dt.date | None = None,
    execution_documents_served_on: dt.date | None = None,
    opened_on: dt.date | None = None,
    number: str | None = None,
) -> Case:
    """T-A01: the defendant or the defender applies, or the detention centre notifies the
    court (Art 17), before the legal documents for executing the penalty are served."""
    if not (actor.role_codes & COURT_ROLES) or actor.organisation is None:
        raise PermissionDenied(_("Only a judge or court clerk opens a court case."))
    court = actor.organisation
    if court.type != OrganisationType.COURT:
        raise PermissionDenied(_("Only a judge or court clerk opens a court case."))
    sentence = offender.sentences.filter(is_current=True).select_related("sentencing_court").first()
    effective = judgment_effective_on or (sentence.judgment_effective_on if sentence else None)
    unmet: list[Requirement] = []
    if sentence is None or effective is None:
        unmet.append(
            Requirement(
                ART_17, _("Record the judgment and the date it takes effect before opening.")
            )
        )
    elif sentence.sentencing_court_id not in (None, court.pk):
        raise PermissionDenied(_("The judgment was given by another court."))
    if execution_documents_served_on is not None or (
        offender.custodian is not None and offender.custodian.type == OrganisationType.PRISON
    ):
        # D-32: once the offender is delivered for execution, the prison or detention centre
        # proposes instead (Arts 8-14); the court no longer decides.
        unmet.append(
            Requirement(
                ART_17,
                _(
                    "The legal documents for executing the penalty have been served: the court "
                    "no longer decides; the prison or detention centre proposes instead."
                ),
            )
        )
    if Case.objects.filter(
        offender=offender,
        path=CasePath.COURT,
        state__in=set(CaseState.values) - {CaseState.REJECTED},
    ).exists():
        unmet.append(Requirement(ART_17, _("A court case is already open for this defendant.")))
    if unmet:
        raise TransitionRefused(unmet)
    assert sentence is not None and effective is not None
    if origin not in CourtProceeding.Origin.values or custody not in CourtProceeding.Custody.values:
        raise ValidationError(_("Choose how the case started and where the defendant is held."))
    choice_require(
        court_executing_organ_choices(court),
        executing_organ,
        EXECUTING_ORGAN,
        field="executing_organ",
    )
    if executing_organ.type not in EXECUTING_ORGAN_TYPES[CourtProceeding.Custody(custody)]:
        raise ValidationError(
            _(
                "A detained defendant is held by a detention centre; bail and residential "
                "surveillance are executed by a public security organ (P2014 Art 18)."
            )
        )
    opened_on = opened_on or timezone.localdate()
    case: Case = Case(
        number=number or _case_number_issue(court, opened_on.year),
        offender=offender,
        sentence=sentence,
        path=CasePath.COURT,
        opened_on=opened_on,
        ground_medical=ground_medical,
        ground_pregnancy=ground_pregnancy,
        ground_self_care=ground_self_care,
    )
    case.full_clean(exclude=["state"])
    case.save()
    proceeding = CourtProceeding(
        case=case,
        court=court,
        origin=origin,
        applicant_name=applicant_name,
        applied_on=applied_on,
        judgment_effective_on=effective,
        custody=custody,
        executing_organ=executing_organ,
        opened_by=actor,
    )
    proceeding.full_clean()
    proceeding.save()
    participants: list[tuple[Organisation, str]] = [
        (executing_organ, Capacity.INSTITUTION),
        (court, Capacity.DECISION_ORGAN),
    ]
    participants += [
        (p, Capacity.PROCURATORATE) for p in supervising_procuratorates(executing_organ)
    ]
    participants += [
        (p, Capacity.DECISION_PROCURATORATE) for p in supervising_procuratorates(court)
    ]
    CaseParticipant.objects.bulk_create(
        CaseParticipant(case=case, organisation=o, capacity=c) for o, c in participants
    )
    audit_record(
        actor=actor,
        action="case.court_opened",
        obj=case,
        to_state=case.state,
        payload={"path": CasePath.COURT, "origin": origin, "custody": custody},
    )
    # D-08: the court's own window, from the judgment taking effect until the execution
    # documents are served (P2014 Art 18 ¶1, ¶3; CPL Art 264); never extended for a
    # detained person (CPL Art 105, as D-12).
    deadline_open(
        code="D-08",
        subject=case,
        trigger_at=_start_of(effective),
        responsible_organisation=court,
        actor=actor,
        in_custody=custody == CourtProceeding.Custody.DETAINED,
    )
    return case


# T-A02: the court organises the diagnosis, examination or identification.


def court_advance(*, case_id: int, actor: User, step: str, expected_state: str | None) -> Case:
    """T-A02: the court takes an assessment act itself: the same declarations as the prison's
    (`cases.acts.proposal`: designated hospital, Art 9; self-care identification; recusal,
    Art 9 ¶3), with the court's judges and clerks as actors (P2014 Art 17)."""
    if step not in COURT_STEPS:
        raise ValidationError(_("Unknown step."))
    case: Case = act_run(
        PROPOSAL_ACTS[step], case_id=case_id, actor=actor, expected_state=expected_state
    )
    return case


def court_record_save(
    *, case_id: int, actor: User, record: models.Model, expected_state: str | None = None
) -> models.Model:
    """Save one record of the court's case file at the step it belongs to: the record act of
    its kind (`cases.acts.records`), which the court's judges and clerks may take."""
    act = COURT_RECORD_ACTS.get(type(record))
    if act is None:
        raise TransitionRefused(
            [
                Requirement(
                    ART_17,
                    _(
                        "The court keeps the application, the certificates, the "
                        "identifications and the recusal declarations of its case."
                    ),
                )
            ]
        )
    saved: models.Model = act_run(
        act, case_id=case_id, actor=actor, expected_state=expected_state, record=record
    )
    return saved


# T-A03: the investigation and evaluation the court may entrust (CCL Art 18).


def court_investigation_entrust(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    entrusted_to: Organisation,
    request: str,
    entrusted_on: dt.date | None = None,
) -> CourtInvestigation:
    """DOC-07a: the court entrusts the investigation and evaluation of the defendant's social
    danger and impact on the community of residence (CCL Art 18), during its assessment and
    before the execution documents are served (P2014 Art 18 ¶1)."""
    investigation: CourtInvestigation = act_run(
        COURT_INVESTIGATION_ENTRUST,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        entrusted_to=entrusted_to,
        request=request,
        entrusted_on=entrusted_on,
    )
    return investigation


# DOC-07b: the opinion.


def court_investigation_report(
    *,
    case_id: int,
    actor: User,
    opinion: str,
    opinion_on: dt.date,
    expected_state: str | None = None,
) -> CourtInvestigation:
    """The entrusted institution's investigation and evaluation opinion (DOC-07b, CCL Art 18):
    filed by one of its correction officers, or recorded by the court when it arrived on
    paper. The court is told; it decides with the opinion in hand."""
    investigation: CourtInvestigation = act_run(
        COURT_INVESTIGATION_REPORT,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        opinion=opinion,
        opinion_on=opinion_on,
    )
    return investigation


# T-A04: the procuratorate's opinion is sought before deciding.


def court_consult_procuratorate(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    request: str,
    requested_of: Organisation | None = None,
    requested_on: dt.date | None = None,
) -> CourtProceeding:
    """T-A04: the court seeks the procuratorate's opinion (P2014 Art 18 ¶4; SPC-Interp
    Art 515 ¶2); the procuratorate at the court's level by default."""
    proceeding: CourtProceeding = act_run(
        COURT_CONSULT_PROCURATORATE,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        request=request,
        requested_of=requested_of,
        requested_on=requested_on,
    )
    return proceeding


def court_procuratorate_reply(
    *,
    case_id: int,
    actor: User,
    reply: str,
    replied_on: dt.date | None = None,
    expected_state: str | None = None,
) -> CourtProceeding:
    """DOC-15: the consulted procuratorate gives its opinion; the court is told."""
    proceeding: CourtProceeding = act_run(
        COURT_PROCURATORATE_REPLY,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        reply=reply,
        replied_on=replied_on,
    )
    return proceeding


# T-A05 / T-A05x: the decision (`approvals.acts.decision`, the deciding organ's act).


def court_decide(
    *,
    case_id: int,
    actor: User,
    grant: bool,
    reasons: str,
    panel_held_on: dt.date,
    judges: int,
    expected_state: str | None,
    otp_code: str | None = None,
) -> ApprovalDecision:
    """T-A05: the court decides to execute outside prison (DOC-16C), served within 7 days of
    the judgment taking effect (D-12; Art 18 ¶2); T-A05x: it decides not to (DOC-18) and
    informs the procuratorate (Art 18 ¶3): the act `court_decision_issue`, the same decision
    as the approving authority's (`approvals.acts.decision`)."""
    decision: ApprovalDecision = act_run(
        ACTS["court_decision_issue"],
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        grant=grant,
        reasons=reasons,
        panel_held_on=panel_held_on,
        judges=judges,
        otp_code=otp_code,
    )
    return decision


# CPL Art 264: the execution documents are served.


def execution_documents_served_record(
    *, case_id: int, actor: User, served_on: dt.date, expected_state: str | None = None
) -> CourtProceeding:
    """The legal documents for executing the penalty were served (CPL Art 264; SPC-Interp
    Art 511): from then on the court no longer decides (Art 18 ¶1, ¶3; D-08)."""
    proceeding: CourtProceeding = act_run(
        EXECUTION_DOCUMENTS_SERVED_RECORD,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        served_on=served_on,
    )
    return proceeding
