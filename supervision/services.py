"""Release, escort, hand-over and reception (legal-spec T-B12 … T-B14, T-A06; P2014 Arts 15-16,
19; CCL Arts 19-22; Prison Law Art 27).

Each function is a thin, named call of its act in `supervision.acts`, taken by the one runner
(`cases.acts.runner.act_run`): it locks the case, refuses a stale page, an actor without the
right and what the law does not allow yet with the article, and writes the act's records,
audit event, clocks and notices in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from cases.acts.runner import act_run
from cases.models import Case, CaseState
from cases.services.workflow import CaseConflict, TransitionRefused
from kernel.accounts.models import Organisation, User

from .acts import (
    EMERGENCY_ANNOUNCEMENT_RECORD,
    HAND_OVER_RECORD,
    PUBLIC_SECURITY_HAND_OVER_RECORD,
    RECEPTION_REGISTER,
    RELEASE,
    RELEASE_FIELDS,
    RELEASE_PREPARE,
    RELEASE_RECORD_SAVE,
    custodial_institution,
)
from .community_acts import (
    CONDITION_REVIEW,
    DEATH_RECORD,
    EXPIRY_NOTICE_RECORD,
    SENTENCE_EXPIRED_RECORD,
)
from .models import ConditionReview, HandOver, Reception, ReleasePreparation, Supervision
from .rules import court_bail_branch


def release_prepare(*, case_id: int, actor: User, expected_state: str | None) -> ReleasePreparation:
    """T-B12: the institution has received the decision and starts the release formalities
    (P2014 Art 15). In a cross-province case the file holder must be designated (Art 20)."""
    prep: ReleasePreparation = act_run(
        RELEASE_PREPARE, case_id=case_id, actor=actor, expected_state=expected_state
    )
    return prep


def release_record_save(
    *,
    case_id: int,
    actor: User,
    data: dict[str, Any],
    obligations_notice: UploadedFile | None = None,
) -> ReleasePreparation:
    """Record what was done to prepare the release; the signed notice of obligations is
    uploaded as a scan, checked like any evidence (P2014 Art 15 ¶2; CCL Art 19)."""
    prep: ReleasePreparation = act_run(
        RELEASE_RECORD_SAVE,
        case_id=case_id,
        actor=actor,
        expected_state=CaseState.RELEASE_PREPARATION,
        **{name: data[name] for name in RELEASE_FIELDS if name in data},
        obligations_notice=obligations_notice,
    )
    return prep


def release(*, case_id: int, actor: User, expected_state: str | None) -> Case:
    """T-B13: the release formalities are done and staff escort the person with the decision
    (P2014 Arts 15-16). After an emergency release without publicity, the announcement in
    the institution is due within 3 working days (P2014 Art 13 ¶1, D-03)."""
    case: Case = act_run(RELEASE, case_id=case_id, actor=actor, expected_state=expected_state)
    return case


def emergency_announcement_record(*, case_id: int, actor: User, announced_on: dt.date) -> Case:
    """The announcement in the institution after an emergency release (P2014 Art 13 ¶1):
    meets D-03."""
    case: Case = act_run(
        EMERGENCY_ANNOUNCEMENT_RECORD,
        case_id=case_id,
        actor=actor,
        expected_state=None,
        announced_on=announced_on,
    )
    return case


def hand_over_record(
    *,
    case_id: int,
    actor: User,
    handed_over_at: dt.datetime,
    place: str,
    institution_signatory: str,
    cci_signatory: str,
    documents: str,
    condition: str,
    signed_record: UploadedFile,
) -> HandOver:
    """DOC-22: the hand-over at the residence, signed by both sides (P2014 Arts 16, 19;
    CCL Art 21). Meets D-14 (late or not: lateness stays visible); the procuratorate is told
    at once (Art 16, DOC-23) and the community-correction institution is asked to register
    the reception."""
    record: HandOver = act_run(
        HAND_OVER_RECORD,
        case_id=case_id,
        actor=actor,
        expected_state=CaseState.ESCORT,
        handed_over_at=handed_over_at,
        place=place,
        institution_signatory=institution_signatory,
        cci_signatory=cci_signatory,
        documents=documents,
        condition=condition,
        signed_record=signed_record,
    )
    return record


def public_security_hand_over_record(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    handed_over_at: dt.datetime,
    place: str,
    institution_signatory: str,
    cci_signatory: str,
    documents: str,
    condition: str,
    signed_record: UploadedFile,
) -> HandOver:
    """T-A06 on bail or residential surveillance: the public security organ executing it
    hands the defendant over to the community-correction institution within 10 days of
    receiving the court's decision (P2014 Art 19; CCL Art 21 ¶2; D-14).

    That organ usually has no users here (as for the court's proofs of service), so the
    receiving institution's correction officer, who signs the record for the receiving side,
    records it with the scan signed by both sides. Nobody was held, so nothing is released:
    the case passes through the release steps to the hand-over in this one act, and the
    officer then registers the reception (CCL Art 22)."""
    record: HandOver = act_run(
        PUBLIC_SECURITY_HAND_OVER_RECORD,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        handed_over_at=handed_over_at,
        place=place,
        institution_signatory=institution_signatory,
        cci_signatory=cci_signatory,
        documents=documents,
        condition=condition,
        signed_record=signed_record,
    )
    return record


def reception_register(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    file_number: str,
    documents_checked: bool,
    identity_verified: bool,
    file_opened: bool,
    rules_announced: bool,
    received_at: dt.datetime | None = None,
) -> Reception:
    """T-B14 / T-A06: the community-correction institution receives the person: documents
    checked, identity verified, registered, file opened, offence, term and rules announced
    (CCL Art 22). The case is then under community correction; for medical parole the
    three-monthly review of the condition starts (P2014 Art 21, D-15)."""
    reception: Reception = act_run(
        RECEPTION_REGISTER,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        file_number=file_number,
        documents_checked=documents_checked,
        identity_verified=identity_verified,
        file_opened=file_opened,
        rules_announced=rules_announced,
        received_at=received_at,
    )
    return reception


# Community correction after the reception (legal-spec §3.4): `supervision.community_acts`.


def condition_review(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    reexamined_on: dt.date,
    hospital: Organisation,
    doctors: str,
    findings: str,
    finding: str,
    condition_change: str = "",
    panel_reviewed: bool = False,
) -> ConditionReview:
    """P2014 Art 21, D-15: the officer's review of the three-monthly re-examination (medical
    parole only); meets D-15 and opens the next; a finding other than "persist" is fed back to
    the deciding organ (or the institution)."""
    review: ConditionReview = act_run(
        CONDITION_REVIEW,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        reexamined_on=reexamined_on,
        hospital=hospital,
        doctors=doctors,
        findings=findings,
        finding=finding,
        condition_change=condition_change,
        panel_reviewed=panel_reviewed,
    )
    return review


def expiry_notice_record(
    *, case_id: int, actor: User, expected_state: str | None, notified_on: dt.date
) -> Supervision:
    """T-S08, P2014 Art 27 ¶1, D-22: the written notice to the original or file-holding
    institution in the month before the sentence expires."""
    record: Supervision = act_run(
        EXPIRY_NOTICE_RECORD,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        notified_on=notified_on,
    )
    return record


def sentence_expired_record(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    expired_on: dt.date,
    certificate_number: str = "",
) -> Supervision:
    """T-S09 (P2014 Art 27; Prison Law Art 28; CCL Art 44): the sentence has expired and
    community correction ends; on the court path the CCI's certificate of termination."""
    record: Supervision = act_run(
        SENTENCE_EXPIRED_RECORD,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        expired_on=expired_on,
        certificate_number=certificate_number,
    )
    return record


def death_record(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    discovered_on: dt.date,
    cause: str,
    reported_by: str,
) -> Supervision:
    """T-S10 (P2014 Art 28; CCL Art 51; D-23): death discovered; the deciding organ, the
    file-holding institution and the procuratorate told; community correction ends."""
    record: Supervision = act_run(
        DEATH_RECORD,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        discovered_on=discovered_on,
        cause=cause,
        reported_by=reported_by,
    )
    return record


__all__ = [
    "CaseConflict",
    "TransitionRefused",
    "condition_review",
    "court_bail_branch",
    "custodial_institution",
    "death_record",
    "emergency_announcement_record",
    "expiry_notice_record",
    "hand_over_record",
    "public_security_hand_over_record",
    "reception_register",
    "release",
    "release_prepare",
    "release_record_save",
    "sentence_expired_record",
]
