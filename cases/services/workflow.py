"""Taking a case from the written application to the proposal (legal-spec §3.1-3.2).

Every action checks who may act, locks the case, refuses a step the law does not allow with
the article, and writes its records, audit event, clocks and notices in one transaction: a
failed step leaves the case as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import APPROVING_ROLES, COURT_ROLES, Role
from kernel.audit.services import audit_record
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.notices.services import notice_send_to_role
from kernel.refusals import StaleState, TransitionRefused

from ..choices import record_choices_check
from ..jurisdiction import Capacity
from ..models import (
    Case,
    CasePath,
    CaseState,
    Evidence,
    ProcuratorateCopy,
    ProcuratorialOpinion,
)
from ..rules import Requirement


class CaseConflict(StaleState):
    """Someone else changed the case since the user loaded it."""

    def __init__(self, current_state: str) -> None:
        super().__init__(
            _(
                "Someone else has just changed this case (it is now “%(state)s”). Reload the page "
                "and check before acting again."
            )
            % {"state": CaseState(current_state).label},
            current_state,
        )


def require_clerk_of(case: Case, actor: User) -> Organisation:
    """Only a clerk of the institution holding the case acts on it (legal-spec §3 intro);
    returns the institution."""
    institution = case.participant(Capacity.INSTITUTION)
    if (
        Role.PRISON_CLERK not in actor.role_codes
        or institution is None
        or (institution.pk != actor.organisation_id)
    ):
        raise PermissionDenied(_("Only a clerk of the institution filing this case can do this."))
    return institution


#: On the court path the court organises the assessment and runs the rules (P2014 Art 17;
#: SPC-Interp Art 514): its judges and clerks act where a prison's clerk acts on paths B/C.


def require_assessor_of(case: Case, actor: User) -> Organisation:
    """Who assesses eligibility: the court's staff on the court path, otherwise a clerk of
    the institution holding the case."""
    if case.path != CasePath.COURT:
        return require_clerk_of(case, actor)
    court = case.participant(Capacity.DECISION_ORGAN)
    if court is None or court.pk != actor.organisation_id or not (actor.role_codes & COURT_ROLES):
        raise PermissionDenied(_("Only a judge or court clerk of this case's court can do this."))
    return court


def case_lock_for_update(case_id: int, expected_state: str | None) -> Case:
    """Lock the case row for the rest of the transaction (`SELECT ... FOR UPDATE`).

    Every service that changes a case takes this lock first, so two clerks acting at once are
    serialised. With `expected_state` set, a page rendered for another state is refused with
    `CaseConflict` (a stale page: 409), not acted on.
    """
    case = Case.objects.select_for_update().get(pk=case_id)
    if expected_state is not None and case.state != expected_state:
        raise CaseConflict(case.state)
    return case


RECORD_STATES: dict[str, frozenset[str]] = {
    "WrittenApplication": frozenset({CaseState.INITIATED}),
    "ProcuratorateCopy": frozenset(CaseState.values) - {CaseState.NOT_PROPOSED},
    "MedicalCertificate": frozenset({CaseState.ASSESSMENT}),
    "SelfCareIdentification": frozenset({CaseState.ASSESSMENT}),
    "RecusalDeclaration": frozenset({CaseState.ASSESSMENT}),
    "Guarantor": frozenset({CaseState.PREPARATION}),
    "ResidenceVerification": frozenset({CaseState.PREPARATION}),
    "InvestigationEntrustment": frozenset({CaseState.PREPARATION}),
    "Deliberation": frozenset({CaseState.READY_FOR_DELIBERATION}),
    "Publicity": frozenset({CaseState.DELIBERATED}),
    "Objection": frozenset({CaseState.PUBLICITY, CaseState.OBJECTION_REVIEW}),
}


@transaction.atomic
def case_record_save(
    *, case_id: int, actor: User, record: models.Model, expected_state: str | None = None
) -> models.Model:
    """Save one record of the case file (validated by its form) at the step it belongs to."""
    case = case_lock_for_update(case_id, expected_state)
    require_clerk_of(case, actor)
    name = type(record).__name__
    allowed = RECORD_STATES.get(name)
    if allowed is None or case.state not in allowed:
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Arts 8-14",
                    _("This record belongs to another step; the case is “%(state)s”.")
                    % {"state": case.get_state_display()},
                )
            ]
        )
    created = record.pk is None
    record.case = case  # type: ignore[attr-defined]
    record_choices_check(case, record)
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=f"case.record.{name}",
        obj=case,
        payload={"record_id": record.pk, "created": created},
    )
    if isinstance(record, ProcuratorateCopy):
        _copy_recorded(case, record, actor)
    return record


def _copy_recorded(case: Case, copy: ProcuratorateCopy, actor: User) -> None:
    """SPP Rules Art 630: the procuratorate's 10-day window runs from its receipt of the
    copy of the written proposal opinion (D-09)."""
    if copy.stage == ProcuratorateCopy.Stage.PROPOSAL and copy.received_on is not None:
        received = dt.datetime.combine(
            copy.received_on, dt.time(9), tzinfo=timezone.get_current_timezone()
        )
        deadline_open(
            code="D-09",
            subject=case,
            trigger_at=received,
            responsible_organisation=copy.procuratorate,
            actor=actor,
        )
    notice_send_to_role(
        organisation_id=copy.procuratorate_id,
        roles=[Role.PROCURATOR],
        key=f"case-copy:{case.pk}:{copy.stage}",
        subject=_("Copy received: %(case)s — %(stage)s")
        % {"case": case.number, "stage": copy.get_stage_display()},
        link=case.get_absolute_url(),
    )


# Uploads are checked by their first bytes, never by the file name or the browser's claim.
_SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)


def sniff_content_type(head: bytes) -> tuple[str, str] | None:
    for signature, content_type, extension in _SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


@transaction.atomic
def evidence_upload(
    *, case_id: int, actor: User, kind: str, upload: UploadedFile, description: str = ""
) -> Evidence:
    """The institution's clerk adds a file to the case file."""
    case = case_lock_for_update(case_id, None)
    require_clerk_of(case, actor)
    return evidence_store(case=case, actor=actor, kind=kind, upload=upload, description=description)


def evidence_store(
    *, case: Case, actor: User, kind: str, upload: UploadedFile, description: str = ""
) -> Evidence:
    """Keep an uploaded file of the case: size bounded, type sniffed from its first bytes
    (never from its name), SHA-256, audit event. The caller holds the case lock and has
    checked that `actor` may add this file (e.g. the receiving officer's hand-over record on
    the bail branch, where the executing public security organ has no clerk here)."""
    limit = settings.TEOP_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
        )
    head = upload.read(16)
    upload.seek(0)
    sniffed = sniff_content_type(head)
    if sniffed is None:
        raise ValidationError(
            _(
                "Only PDF, JPEG and PNG files are accepted; this file is none of them, whatever "
                "its name says."
            )
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    content_type, extension = sniffed
    evidence = Evidence(
        case=case,
        kind=kind,
        original_name=(upload.name or "upload")[:200],
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        description=description,
        uploaded_by=actor,
    )
    evidence.file.save(f"{evidence.sha256[:20]}{extension}", upload, save=False)
    evidence.full_clean()
    evidence.save()
    audit_record(
        actor=actor,
        action="evidence.uploaded",
        obj=case,
        payload={"evidence_id": evidence.pk, "sha256": evidence.sha256, "kind": kind},
    )
    return evidence


def evidence_viewed(*, evidence: Evidence, actor: User) -> None:
    """Every view or download of evidence is an audit event."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="evidence.viewed",
            obj=evidence.case,
            payload={"evidence_id": evidence.pk, "sha256": evidence.sha256},
        )


@transaction.atomic
def procuratorial_opinion_file(
    *,
    case_id: int,
    actor: User,
    issued_on: dt.date,
    conforms: bool,
    content: str,
    chief_approved: bool,
) -> ProcuratorialOpinion:
    """A procurator's written opinion on the proposal (P2014 Art 13 ¶3; SPP Rules Art 630):
    sent with the Chief Procurator's approval to the approving authority; meets D-09."""
    case = case_lock_for_update(case_id, None)
    procuratorate = next(
        (
            p.organisation
            for p in case.participants.all()
            if p.capacity == Capacity.PROCURATORATE and p.organisation_id == actor.organisation_id
        ),
        None,
    )
    if Role.PROCURATOR not in actor.role_codes or procuratorate is None:
        raise PermissionDenied(_("Only the procuratorate supervising this case gives an opinion."))
    if (
        not case.procuratorate_copies.in_force()
        .filter(stage=ProcuratorateCopy.Stage.MATERIALS)
        .exists()
    ):
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Art 13 ¶3", _("The prison has not yet sent the materials of this case.")
                )
            ]
        )
    if not chief_approved:
        raise TransitionRefused(
            [
                Requirement(
                    "SPP Rules Art 630",
                    _("A written procuratorial opinion needs the Chief Procurator's approval."),
                )
            ]
        )
    if not content.strip():
        raise ValidationError(_("Write the opinion."))
    opinion = ProcuratorialOpinion.objects.create(
        case=case,
        procuratorate=procuratorate,
        author=actor,
        issued_on=issued_on,
        conforms=conforms,
        content=content,
        chief_approved=chief_approved,
    )
    audit_record(
        actor=actor,
        action="case.procuratorial_opinion",
        obj=case,
        payload={"opinion_id": opinion.pk, "conforms": conforms},
    )
    deadline_meet(subject=case, code="D-09", event="procuratorial opinion filed", actor=actor)
    authority = case.participant(Capacity.DECISION_ORGAN)
    assert authority is not None, "registration makes the deciding organ a participant"
    notice_send_to_role(
        organisation_id=authority.pk,
        roles=list(APPROVING_ROLES),
        key=f"proc-opinion:{opinion.pk}",
        subject=_("Procuratorial opinion on %(case)s") % {"case": case.number},
        body=_("Answer the opinion before deciding."),
        link=case.get_absolute_url(),
        severity="warning",
    )
    return opinion
