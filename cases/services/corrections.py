"""Correcting or withdrawing a record of the case file entered in error (issue 10 item 4).

While the step a record belongs to is open, a clerk of the institution may correct it (a new
record supersedes it) or withdraw it, always with a reason. Nothing is deleted or overwritten:
the original stays in the case history, marked with who, when and why, and in the audit trail.
`cases.rules` counts only the records in force, so requirements follow the corrected file.
Once the case has left the step, the record stands; the refusal names the act that could
reopen the matter where the law has one.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.accounts.models import User
from kernel.refusals import Requirement

from ..models import Case, CaseState
from ..models.workflow import CASE_FILE_RECORDS, CaseRecord
from .workflow import RECORD_STATES, CaseConflict

#: After the decision and before the release, a procuratorial objection obliges the deciding
#: organ to re-examine the decision (P2014 Art 30; CPL Art 267): the one act that reopens the
#: matter once the file has left the institution.
REOPENED_BY_OBJECTION = frozenset({CaseState.APPROVED, CaseState.RELEASE_PREPARATION})


class RecordNoLongerInForce(CaseConflict):
    """Someone else corrected or withdrew the record since the user loaded the page."""

    def __init__(self, record: CaseRecord) -> None:
        self.current_state = ""
        Exception.__init__(
            self,
            _(
                "Someone else has already corrected or withdrawn this record (%(when)s). Reload "
                "the page and check before acting again."
            )
            % {"when": timezone.localtime(record.withdrawn_at).strftime("%Y-%m-%d %H:%M")},
        )


def record_model(kind: str) -> type[CaseRecord]:
    """The record model of a kind of the case file; unknown kinds do not exist (404)."""
    model = CASE_FILE_RECORDS.get(kind)
    if model is None:
        raise ObjectDoesNotExist(kind)
    return model


def correction_closed(case: Case, model: type[CaseRecord]) -> Requirement | None:
    """Why a record of `model` can no longer be corrected on `case`, or None while its step
    is open. The page shows it beside the record; the services refuse with it."""
    if case.state in RECORD_STATES[model.__name__]:
        return None
    if case.state in REOPENED_BY_OBJECTION:
        return Requirement(
            "P2014 Art 30; CPL Art 267",
            _(
                "The case has moved past the step of this record (it is now “%(state)s”), so "
                "it can no longer be corrected or withdrawn here. Only a procuratorial "
                "objection to the decision, and the deciding organ's re-examination of it, "
                "can reopen the matter."
            )
            % {"state": case.get_state_display()},
        )
    return Requirement(
        "P2014 Arts 8-14",
        _(
            "The case has moved past the step of this record (it is now “%(state)s”), so it "
            "can no longer be corrected or withdrawn. No act of the Provisions takes a case "
            "back to an earlier step: the record stays as entered."
        )
        % {"state": case.get_state_display()},
    )


def record_withdrawn(record: CaseRecord, *, reason: str, actor: User) -> None:
    """Take a record out of force, marked with who, when and why; nothing is deleted."""
    record.withdrawn_at = timezone.now()
    record.withdrawn_by = actor
    record.withdrawal_reason = reason.strip()
    record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])


def case_record_withdraw(
    *,
    case_id: int,
    kind: str,
    record_id: int,
    reason: str,
    actor: User,
    expected_state: str | None = None,
) -> CaseRecord:
    """Withdraw a record entered in error while its step is open; it stays in the history
    (the act `record_withdraw`, `cases.acts.records`)."""
    from ..acts.records import RECORD_WITHDRAW
    from ..acts.runner import act_run

    record_model(kind)
    result: CaseRecord = act_run(
        RECORD_WITHDRAW,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        kind=kind,
        record_id=record_id,
        reason=reason,
    )
    return result


def case_record_correct(
    *,
    case_id: int,
    kind: str,
    record_id: int,
    data: dict[str, Any],
    reason: str,
    actor: User,
    expected_state: str | None = None,
) -> CaseRecord:
    """Correct a record entered in error while its step is open: a new record with `data`
    (validated by the record's form) supersedes it; the original stays in the history (the
    act `record_correct`, `cases.acts.records`)."""
    from ..acts.records import RECORD_CORRECT
    from ..acts.runner import act_run

    record_model(kind)
    result: CaseRecord = act_run(
        RECORD_CORRECT,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        kind=kind,
        record_id=record_id,
        data=data,
        reason=reason,
    )
    return result
