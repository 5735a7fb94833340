"""A statutory clock on one subject (normally a case), its alert rungs and its pauses."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    OVERDUE = "overdue", _("Overdue")
    WAIVED = "waived", _("Waived")
    SUSPENDED = "suspended", _("Suspended")


class Rung(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    DUE_TODAY = "due_today", _("Due today")
    OVERDUE = "overdue", _("Overdue")
    ESCALATED = "escalated", _("Escalated")


OPEN_STATUSES = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)


class Deadline(models.Model):
    """One statutory clock (legal-spec §4). Met or overdue is decided by the event that
    satisfies it, never by someone ticking a box."""

    kind = models.CharField(_("kind"), max_length=8, db_index=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_label = models.CharField(_("subject"), max_length=120)
    subject_url = models.CharField(_("link"), max_length=200, blank=True)
    trigger_event = models.CharField(_("trigger event"), max_length=120)
    trigger_at = models.DateTimeField(_("triggered at"))
    unit = models.CharField(_("unit"), max_length=16)
    amount = models.PositiveIntegerField(_("length"))
    legal_basis = models.CharField(_("legal basis"), max_length=120)
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    # Null while provisional: the calendar year it reaches is not loaded (legal-spec E-01).
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    provisional_year = models.PositiveSmallIntegerField(
        _("calendar year not loaded"), null=True, blank=True
    )
    # While provisional: the best estimate, counting the unloaded year(s) Monday to Friday
    # with no holidays. Never official: kept apart from due_date/due_at, labelled wherever
    # shown, cleared when the year is loaded.
    estimated_due_date = models.DateField(_("estimated due date"), null=True, blank=True)
    estimated_due_at = models.DateTimeField(_("estimated due at"), null=True, blank=True)
    trace = models.JSONField(_("computation"), default=dict, blank=True)
    in_custody = models.BooleanField(_("person in custody"), default=False)
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    met_by = models.CharField(_("met by event"), max_length=120, blank=True)
    waived_reason = models.TextField(_("reason waived"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["responsible_organisation", "status", "due_at"]),
            models.Index(fields=["subject_type", "subject_id", "kind"]),
            models.Index(fields=["status", "provisional_year"]),
            # The inbox (`deadline_inbox_for_user`): an organisation's running clocks, soonest
            # first by `by_due_time`, read in index order and stopped at the LIMIT instead of
            # sorting every open clock of the organisation (issue 15).
            models.Index(
                models.F("responsible_organisation"),
                Coalesce("due_at", "estimated_due_at").asc(nulls_first=True),
                models.F("id"),
                name="deadline_inbox_idx",
                condition=models.Q(status__in=["open", "overdue", "suspended"]),
            ),
            # A case's nearest open clock (the case list, the caseload): the first entry of
            # the index, without a sort per row.
            models.Index(
                models.F("subject_type"),
                models.F("subject_id"),
                Coalesce("due_at", "estimated_due_at").asc(nulls_first=True),
                models.F("id"),
                name="deadline_next_due_idx",
                condition=models.Q(status__in=["open", "overdue"]),
            ),
        ]

    def __str__(self) -> str:
        """The clock in words, never by its code (issue 14)."""
        from .kinds import KINDS

        kind = KINDS.get(self.kind)
        return f"{kind.title if kind is not None else self.kind} {self.subject_label}"

    @property
    def is_provisional(self) -> bool:
        return self.provisional_year is not None

    @property
    def is_estimate(self) -> bool:
        """The date shown is the weekend-only estimate, not an official date."""
        return self.due_date is None and self.estimated_due_date is not None

    @property
    def shown_due_date(self) -> dt.date | None:
        """The official due date, or else the estimate (check `is_estimate` before saying
        which)."""
        return self.due_date or self.estimated_due_date

    @property
    def shown_due_at(self) -> dt.datetime | None:
        return self.due_at or self.estimated_due_at


class DeadlineRung(models.Model):
    """One rung of the alert ladder. It fires exactly once: `fired_at` is set by a conditional
    update, and the pair (deadline, rung) is unique."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="rungs")
    rung = models.CharField(max_length=10, choices=Rung.choices)
    fires_at = models.DateTimeField()
    fired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deadline", "rung"], name="uniq_deadline_rung")
        ]
        indexes = [
            models.Index(
                fields=["fires_at"],
                condition=models.Q(fired_at__isnull=True),
                name="rung_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline} {self.rung}"


class DeadlineSuspension(models.Model):
    """A pause with its reason (e.g. waiting for supplementary medical material)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="suspensions")
    paused_at = models.DateTimeField()
    resumed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()
    paused_by = models.CharField(max_length=150)

    def __str__(self) -> str:
        return f"{self.deadline} paused {self.paused_at:%Y-%m-%d}"


class SweepRun(models.Model):
    """One pass of the sweeper, for the health view."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    rungs_fired = models.PositiveIntegerField(default=0)
    marked_overdue = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"sweep {self.started_at:%Y-%m-%d %H:%M}"
