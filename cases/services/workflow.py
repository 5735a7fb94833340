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
from django.utils.translation import gettext as _

from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import COURT_ROLES, Role
from kernel.audit.services import audit_record
from kernel.refusals import StaleState, TransitionRefused

# Importers across the apps read the refusal from here, beside `CaseConflict`.
__all__ = [
    "RECORD_STATES",
    "CaseConflict",
    "TransitionRefused",
    "case_lock_for_update",
    "case_record_save",
    "evidence_keep",
    "evidence_store",
    "evidence_upload",
    "evidence_viewed",
    "procuratorial_opinion_file",
    "require_assessor_of",
    "require_clerk_of",
    "sniff_content_type",
]

from ..jurisdiction import Capacity
from ..models import (
    Case,
    CasePath,
    CaseState,
    Evidence,
    ProcuratorialOpinion,
)


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


class RecordChanged(StaleState):
    """Someone else saved the record since the user's page showed it (non-negotiable 4: one
    wins, the other is told): the record is not overwritten."""

    def __init__(self, current_state: str) -> None:
        super().__init__(
            _(
                "Someone else has just saved this record. Reload the page and check it before "
                "saving again."
            ),
            current_state,
        )


#: The records a case holds one of in force, edited in place on their page, by the case's
#: property naming it; the other kinds are added, one more record each time.
SINGLE_RECORDS: dict[str, str] = {
    "WrittenApplication": "application",
    "Guarantor": "guarantor",
    "InvestigationEntrustment": "investigation",
    "Deliberation": "deliberation",
    "Publicity": "publicity",
}


def record_seen(record: models.Model | None) -> str:
    """What a page showed of a single record, sent back with its form: "" for none, else
    the record's id and a digest of every value it stores. Compared under the case lock with
    the record as it is (`record_unchanged_check`)."""
    if record is None:
        return ""
    if record.get_deferred_fields():
        record = type(record)._default_manager.get(pk=record.pk)
    values = "\x1f".join(
        f"{field.attname}={field.value_to_string(record)}" for field in record._meta.concrete_fields
    )
    return f"{record.pk}:{hashlib.sha256(values.encode()).hexdigest()[:32]}"


def record_unchanged_check(case: Case, record: models.Model, seen: str | None) -> None:
    """Refuse to save a single record (SINGLE_RECORDS) over one the user's page did not show:
    someone else saved it, or recorded it first, since (`RecordChanged`, 409). `seen` None:
    the client did not say what it saw (the API, scripts), which saves as before. The caller
    holds the case lock, so no other save of the case's records runs meanwhile."""
    attribute = SINGLE_RECORDS.get(type(record).__name__)
    if seen is None or attribute is None:
        return
    if record_seen(getattr(case, attribute)) != seen:
        raise RecordChanged(str(case.state))


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


def case_record_save(
    *,
    case_id: int,
    actor: User,
    record: models.Model,
    expected_state: str | None = None,
    seen: str | None = None,
) -> models.Model:
    """Save one record of the case file (validated by its form) at the step it belongs to:
    the record act of its kind (`cases.acts.records`). `seen`: what the user's page showed of
    a single record (`record_seen`); a record saved by someone else since is refused (409)."""
    from ..acts.records import record_act_of
    from ..acts.runner import act_run

    params: dict[str, object] = {"record": record}
    if seen is not None:
        params["seen"] = seen
    saved: models.Model = act_run(
        record_act_of(type(record)),
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        **params,
    )
    return saved


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


def evidence_upload(
    *, case_id: int, actor: User, kind: str, upload: UploadedFile, description: str = ""
) -> Evidence:
    """The institution's clerk adds a file to the case file (the act `evidence_upload`)."""
    from ..acts.records import EVIDENCE_UPLOAD
    from ..acts.runner import act_run

    evidence: Evidence = act_run(
        EVIDENCE_UPLOAD,
        case_id=case_id,
        actor=actor,
        expected_state=None,
        kind=kind,
        upload=upload,
        description=description,
    )
    return evidence


def evidence_store(
    *, case: Case, actor: User, kind: str, upload: UploadedFile, description: str = ""
) -> Evidence:
    """Keep an uploaded file of the case within another act, with its own audit event
    (e.g. the receiving officer's hand-over record on the bail branch, where the executing
    public security organ has no clerk here). The caller holds the case lock and has checked
    that `actor` may add this file."""
    evidence = evidence_keep(
        case=case, actor=actor, kind=kind, upload=upload, description=description
    )
    audit_record(
        actor=actor,
        action="evidence.uploaded",
        obj=case,
        payload={"evidence_id": evidence.pk, "sha256": evidence.sha256, "kind": kind},
    )
    return evidence


def evidence_keep(
    *, case: Case, actor: User, kind: str, upload: UploadedFile, description: str = ""
) -> Evidence:
    """Keep an uploaded file of the case: size bounded, type sniffed from its first bytes
    (never from its name), SHA-256. The caller audits it (the act, or `evidence_store`)."""
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


def procuratorial_opinion_file(
    *,
    case_id: int,
    actor: User,
    issued_on: dt.date,
    conforms: bool,
    content: str,
    chief_approved: bool,
) -> ProcuratorialOpinion:
    """A procurator's written opinion on the proposal (P2014 Art 13 ¶3; SPP-Rules Art 630):
    the act `procuratorial_opinion_file` (`cases.acts.opinions`)."""
    from ..acts.opinions import PROCURATORIAL_OPINION_FILE
    from ..acts.runner import act_run

    opinion: ProcuratorialOpinion = act_run(
        PROCURATORIAL_OPINION_FILE,
        case_id=case_id,
        actor=actor,
        expected_state=None,
        issued_on=issued_on,
        conforms=conforms,
        content=content,
        chief_approved=chief_approved,
    )
    return opinion
