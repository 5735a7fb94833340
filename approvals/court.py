"""The court path: the court decides before the judgment is delivered for execution
(legal-spec §3.3 T-A01…T-A06; P2014 Arts 17-19; SPC-Interp Arts 514-515; CCL Arts 20-21).

One function per user action, each in one transaction: it checks that the actor is a judge or
court clerk of the case's court (the procurator of the consulted procuratorate for the reply),
locks the case, refuses a step the law does not allow with the article, and writes its
records, audit event, clocks, documents and notices.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.acts.declaration import Act
from cases.acts.proposal import PROPOSAL_ACTS
from cases.acts.records import RECORD_ACTS
from cases.acts.registry import ACTS
from cases.acts.runner import act_run
from cases.choices import (
    EXECUTING_ORGAN,
    choice_require,
    court_executing_organ_choices,
)
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
from cases.rules import Requirement
from cases.selectors import supervising_procuratorates
from cases.services.workflow import TransitionRefused
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import COURT_ROLES, OrganisationType
from kernel.audit.services import audit_record
from kernel.deadlines.models import Deadline
from kernel.deadlines.services import deadline_open
from kernel.notices.services import notice_send_to_role
from kernel.numbering.services import number_issue

from .models import ApprovalDecision, CourtProceeding
from .services import (
    residence_cci,
)

#: The assessment steps the court takes itself (T-A02) with `cases.rules`.
COURT_STEPS = ("screen", "start_assessment", "record_assessment")
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
DOC_16C = "暂予监外执行决定书"
DOC_18 = "不予暂予监外执行通知书"

_ART_17 = "P2014 Art 17"
_ART_18_CONSULT = "P2014 Art 18 ¶4; SPC-Interp Art 515 ¶2"
_ART_18_SERVED = "P2014 Art 18 ¶1, ¶3"
_EXECUTING_ORGAN_TYPES = {
    CourtProceeding.Custody.DETAINED: frozenset({OrganisationType.DETENTION_CENTRE}),
    CourtProceeding.Custody.BAIL: frozenset(
        {OrganisationType.COUNTY_PUBLIC_SECURITY, OrganisationType.MUNICIPAL_PUBLIC_SECURITY}
    ),
    CourtProceeding.Custody.RESIDENTIAL_SURVEILLANCE: frozenset(
        {OrganisationType.COUNTY_PUBLIC_SECURITY, OrganisationType.MUNICIPAL_PUBLIC_SECURITY}
    ),
}


# Reads scoped to the user.


def court_offender_list_for_user(*, user: User) -> QuerySet[Offender]:
    """Defendants whose current judgment was given by the user's court."""
    if not (user.role_codes & COURT_ROLES) or user.organisation_id is None:
        return Offender.objects.none()
    return (
        Offender.objects.filter(
            sentences__is_current=True, sentences__sentencing_court_id=user.organisation_id
        )
        .select_related("custodian")
        .distinct()
    )


def court_offender_get_for_user(*, user: User, pk: int) -> Offender:
    offender = court_offender_list_for_user(user=user).filter(pk=pk).first()
    if offender is None:
        raise Http404
    return offender


def court_executing_organs(court: Organisation | None) -> QuerySet[Organisation]:
    """Organisations that may hold or supervise the court's defendant (Art 18 ¶2-3): those
    of the court's own area (`cases.choices`)."""
    return court_executing_organ_choices(court).order_by("type", "name")


# Helpers.


def _court_of(case: Case, actor: User, roles: frozenset[str] = COURT_ROLES) -> Organisation:
    """The case's court, if the actor is one of its judges or clerks (T-A01…T-A05)."""
    court = case.participant(Capacity.DECISION_ORGAN)
    if (
        case.path != CasePath.COURT
        or court is None
        or court.pk != actor.organisation_id
        or not (actor.role_codes & roles)
    ):
        raise PermissionDenied(_("Only a judge or court clerk of this case's court can do this."))
    return court


def _proceeding(case: Case) -> CourtProceeding:
    return CourtProceeding.objects.select_for_update().get(case=case)


def _served_refusal(proceeding: CourtProceeding) -> Requirement:
    served_on = proceeding.execution_documents_served_on
    return Requirement(
        _ART_18_SERVED,
        _(
            "The legal documents for executing the penalty were served on %(date)s: the court "
            "can no longer decide on temporary execution outside prison."
        )
        % {"date": served_on.isoformat() if served_on else ""},
    )


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


#: The court's own clocks, shown on its page: its decision window (D-08), the service of the
#: grant (D-12), the notice and documents to the community-correction institution (D-13a/b)
#: and the hand-over by the detention centre or public security organ (D-14).
COURT_CLOCKS = ("D-08", "D-12", "D-13a", "D-13b", "D-14")


def court_clocks(case: Case) -> QuerySet[Deadline]:
    """The statutory clocks of a court case the court page shows (one query)."""
    from django.contrib.contenttypes.models import ContentType

    return (
        Deadline.objects.filter(
            subject_type=ContentType.objects.get_for_model(Case),
            subject_id=case.pk,
            kind__in=COURT_CLOCKS,
        )
        .select_related("responsible_organisation")
        .order_by("kind", "id")
    )


#: The series word of the court's case numbers (西湖法刑监暂〔2026〕001号).
COURT_CASE_SERIES = "刑监暂"


def _case_number_issue(court: Organisation, year: int) -> str:
    return number_issue(
        organisation=court,
        series=COURT_CASE_SERIES,
        year=year,
        taken=lambda number: Case.objects.filter(number=number).exists(),
    )


def _notify_court(case: Case, court: Organisation, key: str, subject: str, body: str = "") -> None:
    notice_send_to_role(
        organisation_id=court.pk,
        roles=list(COURT_ROLES),
        key=key,
        subject=subject,
        body=body,
        link=case.get_absolute_url(),
    )


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
                _ART_17, _("Record the judgment and the date it takes effect before opening.")
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
                _ART_17,
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
        unmet.append(Requirement(_ART_17, _("A court case is already open for this defendant.")))
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
    if executing_organ.type not in _EXECUTING_ORGAN_TYPES[CourtProceeding.Custody(custody)]:
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
                    _ART_17,
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
    from .court_acts import COURT_CONSULT_PROCURATORATE

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
    from .court_acts import COURT_PROCURATORATE_REPLY

    proceeding: CourtProceeding = act_run(
        COURT_PROCURATORATE_REPLY,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        reply=reply,
        replied_on=replied_on,
    )
    return proceeding


# T-A05 / T-A05x: the decision, before the execution documents are served.


def court_decision_missing(case: Case, proceeding: CourtProceeding) -> list[Requirement]:
    """What the law requires before the court decides (Art 18 ¶1, ¶3, ¶4)."""
    out = []
    if proceeding.execution_documents_served:
        out.append(_served_refusal(proceeding))
    if not proceeding.consulted or case.state != CaseState.CONSULTATION:
        out.append(
            Requirement(
                _ART_18_CONSULT,
                _("Seek the procuratorate's opinion before deciding."),
            )
        )
    investigation = getattr(case, "court_investigation", None)
    if investigation is not None and not investigation.reported:
        # T-A03: an opinion the court asked for is read before it decides (CCL Art 18).
        out.append(
            Requirement(
                "CCL Art 18",
                _(
                    "The court entrusted an investigation and evaluation: record the opinion "
                    "before deciding."
                ),
            )
        )
    return out


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


def execution_documents_served_record(
    *, case_id: int, actor: User, served_on: dt.date, expected_state: str | None = None
) -> CourtProceeding:
    """The legal documents for executing the penalty were served (CPL Art 264; SPC-Interp
    Art 511): from then on the court no longer decides (Art 18 ¶1, ¶3; D-08)."""
    from .court_acts import EXECUTION_DOCUMENTS_SERVED_RECORD

    proceeding: CourtProceeding = act_run(
        EXECUTION_DOCUMENTS_SERVED_RECORD,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        served_on=served_on,
    )
    return proceeding
