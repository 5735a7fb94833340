"""What the re-examination acts write besides their own records, and the reminder service the
periodic task wraps: the person's re-examination clock (D-15b, postponed: D-15c), the review
record (DOC-25), the revocation ground of a review that found the circumstances gone, and the
SMS reminders to the person and the guarantor (legal-spec §4 D-15b)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from cases.models import Case
from kernel.accounts.models import Organisation, User
from kernel.deadlines.models import OPEN_STATUSES, Deadline
from kernel.deadlines.selectors import deadlines_of
from kernel.deadlines.services import deadline_meet, deadline_open, deadline_waive
from kernel.documents.services import document_issue
from kernel.notices.channels import SmsBackend

from ..grounds import revocation_ground_raise
from ..models import (
    ConditionReview,
    ReviewFinding,
    RevocationGround,
    RevocationGroundKind,
    Supervision,
    SupervisionContact,
)
from .models import ReexaminationReminder, ReviewRecord

#: The person's re-examination clock: every three months, or the date a postponement approved.
REEXAMINATION_CLOCKS = ("D-15b", "D-15c")
#: The reminders before the re-examination is due (days before the due date), largest first.
REMINDER_DAYS = (7, 1)


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=timezone.get_current_timezone())


def reexamination_due(case: Case) -> Deadline | None:
    """The open re-examination clock of the case (D-15b or, postponed, D-15c)."""
    return (
        deadlines_of(case, kinds=REEXAMINATION_CLOCKS)
        .filter(status__in=OPEN_STATUSES)
        .order_by("-pk")
        .first()
    )


def reexamination_clock_open(
    *, case: Case, organisation: Organisation, at: dt.datetime, actor: User
) -> Deadline:
    """D-15b from the reception (or the previous re-examination)."""
    return deadline_open(
        code="D-15b",
        subject=case,
        trigger_at=at,
        responsible_organisation=organisation,
        actor=actor,
    )


def reexamination_recorded(
    *, case: Case, review: ConditionReview, organisation: Organisation, actor: User
) -> Deadline:
    """A recorded review carries the re-examination: it meets the open clock (on the day of
    the re-examination) and starts the next three months from that day."""
    day = review.reexamined_on
    at = dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())
    for code in REEXAMINATION_CLOCKS:
        deadline_meet(subject=case, code=code, event=f"re-examined {day}", actor=actor, at=at)
    return reexamination_clock_open(
        case=case, organisation=organisation, at=_start(day), actor=actor
    )


def reexamination_postpone(
    *, case: Case, to: dt.date, organisation: Organisation, actor: User
) -> Deadline:
    """An approved postponement: the open clock is waived with the reason and the
    postponed one (D-15c) is due on the date approved."""
    for deadline in deadlines_of(case, kinds=REEXAMINATION_CLOCKS).filter(status__in=OPEN_STATUSES):
        deadline_waive(deadline=deadline, reason=f"re-examination postponed to {to}", actor=actor)
    return deadline_open(
        code="D-15c",
        subject=case,
        trigger_at=_start(to - dt.timedelta(days=1)),
        responsible_organisation=organisation,
        actor=actor,
    )


#: DOC-25's title in the official layout.
REVIEW_RECORD_TITLE = "病情复查审查记录"


def _ground_zh(record: Supervision) -> str:
    grounds = []
    if record.ground_medical:
        grounds.append("患有严重疾病需要保外就医")
    if record.ground_pregnancy:
        grounds.append("正在哺乳自己婴儿" if record.nursing_ends_on else "怀孕")
    if record.ground_self_care:
        grounds.append("生活不能自理")
    return "、".join(grounds) or "—"


_FINDINGS_ZH = {
    ReviewFinding.PERSIST: "暂予监外执行情形仍然存在",
    ReviewFinding.DISAPPEARED: "暂予监外执行情形已经消失",
    ReviewFinding.UNCERTAIN: "暂予监外执行情形是否存在尚不确定",
}


def review_record_issue(
    *, review: ConditionReview, organisation: Organisation, actor: User
) -> ReviewRecord:
    """DOC-25, the review record in the official layout, issued by the executing
    institution through the documents service (fingerprinted, audited)."""
    record = review.supervision
    case = record.case
    sequence = ConditionReview.objects.filter(supervision=record, pk__lte=review.pk).count()
    document = document_issue(
        subject=case,
        template="review_record",
        context={
            "case": case,
            "offender": case.offender,
            "record": record,
            "review": review,
            "ground": _ground_zh(record),
            "finding": _FINDINGS_ZH[ReviewFinding(review.finding)],
            "reviewer": actor.get_full_name() or actor.get_username(),
            "reviewed_on": timezone.localdate(),
        },
        number=f"{case.number}复查第{sequence}次",
        title=REVIEW_RECORD_TITLE,
        issuing_organisation=organisation,
        issued_on=timezone.localdate(),
        actor=actor,
    )
    return ReviewRecord.objects.create(review=review, document=document)


def review_ground_raise(*, review: ConditionReview, actor: User) -> RevocationGround:
    """A review that found the circumstances gone raises the ground for revocation, with the
    review as its source: SPC-Interp Art 516(6) when the court decided (the court path), the
    statutory CPL Art 268 ¶1(3) otherwise."""
    record = review.supervision
    ground = RevocationGroundKind.SPC_6 if record.case.on_court_path else RevocationGroundKind.CPL_3
    return revocation_ground_raise(
        supervision=record,
        ground=ground,
        reason=_("The review of the re-examination of %(date)s found: %(findings)s")
        % {"date": review.reexamined_on, "findings": review.findings},
        source=review,
        actor=actor,
    )


# Reminders (D-15b) to the person and the guarantor, by SMS.


@dataclass
class ReminderRun:
    sent: int = 0
    skipped: int = 0


def _rung(due: dt.date, today: dt.date) -> int | None:
    """The reminder whose window today falls in: 7 days before up to the day before the last
    day, then 1 day before up to the due date; None outside."""
    left = (due - today).days
    if left < 0:
        return None
    for days in sorted(REMINDER_DAYS):
        if left <= days:
            return days
    return None


def _due_soon(today: dt.date) -> QuerySet[Deadline]:
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    return Deadline.objects.filter(
        kind__in=REEXAMINATION_CLOCKS,
        status__in=OPEN_STATUSES,
        subject_type=ContentType.objects.get_for_model(Case),
    ).filter(
        Q(due_date__range=(today, horizon))
        | Q(due_date__isnull=True, estimated_due_date__range=(today, horizon))
    )


def _sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(
        getattr(settings, "TEOP_SMS_BACKEND", "kernel.notices.channels.LoggingSmsBackend")
    )()
    return backend


def reexamination_reminders_send(*, now: dt.datetime | None = None) -> ReminderRun:
    """Send the reminders due today (7 days and 1 day before the re-examination is due) to
    the active person and guarantor contacts of each record. Each reminder is recorded once
    per clock, contact and rung, and marked sent after the SMS left: a rerun sends only what
    a failed run did not."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    run = ReminderRun()
    backend = _sms_backend()
    for deadline in _due_soon(today):
        due = deadline.shown_due_date
        record = Supervision.objects.filter(case_id=deadline.subject_id).first()
        days = _rung(due, today) if due else None
        if due is None or days is None or record is None:
            continue
        contacts = SupervisionContact.objects.filter(supervision=record, active=True)
        for contact in contacts:
            with transaction.atomic():
                reminder, _created = ReexaminationReminder.objects.get_or_create(
                    deadline=deadline,
                    contact=contact,
                    days_before=days,
                    defaults={
                        "supervision": record,
                        "phone": contact.phone,
                        "text": _reminder_text(contact, due, record),
                    },
                )
                reminder = ReexaminationReminder.objects.select_for_update().get(pk=reminder.pk)
                if reminder.sent_at is not None:
                    run.skipped += 1
                    continue
                backend.send(
                    phone=reminder.phone,
                    text=reminder.text,
                    key=f"reexamination-reminder:{reminder.pk}",
                )
                reminder.sent_at = now
                reminder.save(update_fields=["sent_at"])
                run.sent += 1
    return run


def _reminder_text(contact: SupervisionContact, due: dt.date, record: Supervision) -> str:
    return (
        _(
            "%(name)s: the re-examination at a designated hospital is due by %(date)s; "
            "give the result to %(cci)s."
        )
        % {"name": contact.name, "date": due.isoformat(), "cci": record.executing_cci}
    )[:300]
