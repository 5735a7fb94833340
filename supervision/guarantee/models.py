"""Models of this part of community correction (see the package docstring): the guarantor's
terms (a history, not one per case) and reports, requests to leave or move, lost contact and
the notices of custody from other organs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from cases.models import Guarantor
from kernel.accounts.models import Organisation

from ..models import Supervision, SupervisionContact

_USER = settings.AUTH_USER_MODEL


class TermState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, examined")
    ACTIVE = "active", _("Current guarantor")
    ENDED = "ended", _("Ended")


class TermEnd(models.TextChoices):
    """Why a guarantor stops being one (SPC-Interp Art 516(7); legal-spec D-30)."""

    LOST_CONDITIONS = "lost_conditions", _("Lost the conditions of P2014 Art 11")
    DISQUALIFIED = "disqualified", _("Disqualified for not performing the duties of Art 12")
    DIED = "died", _("The guarantor died")


class ProposedBy(models.TextChoices):
    OFFENDER = "offender", _("The person under supervision")
    RELATIVE = "relative", _("A relative or the guardian")
    RECOMMENDED = "recommended", _("Recommended by the committee, employer or CCI (Art 10 ¶2)")


#: The four conditions of P2014 Art 11, each with its item.
ARTICLE_11_CONDITIONS = (
    ("full_capacity_and_willing", "P2014 Art 11(1)"),
    ("freedom_not_restricted", "P2014 Art 11(2)"),
    ("fixed_residence_and_income", "P2014 Art 11(3)"),
    ("lives_with_or_nearby", "P2014 Art 11(4)"),
)


class GuarantorTerm(FSMModelMixin, models.Model):
    """One guarantor's term during community correction (P2014 Arts 10-12). The first is the
    guarantor confirmed before the release (`cases.Guarantor`); a replacement is proposed,
    examined against the four conditions of Art 11 (each recorded on its own) and accepted
    with the letter of guarantee filed (DOC-09). Ended terms stay as the history."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="guarantor_terms"
    )
    signed_at_release = models.ForeignKey(
        Guarantor,
        verbose_name=_("guarantor confirmed before the release"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=60)
    id_number = models.CharField(_("resident identity number"), max_length=18)
    relationship = models.CharField(_("relationship to the person"), max_length=40)
    proposed_by = models.CharField(_("proposed by"), max_length=20, choices=ProposedBy.choices)
    full_capacity_and_willing = models.BooleanField(
        _("(1) full civil capacity and willing to assume the duties"), default=False
    )
    freedom_not_restricted = models.BooleanField(
        _("(2) personal freedom not restricted"), default=False
    )
    fixed_residence_and_income = models.BooleanField(
        _("(3) fixed residence and income"), default=False
    )
    lives_with_or_nearby = models.BooleanField(
        _("(4) lives with the person or in the same city or county"), default=False
    )
    examined_on = models.DateField(_("examined on"), null=True, blank=True)
    letter_filed_on = models.DateField(_("letter of guarantee filed on"), null=True, blank=True)
    state = FSMField(
        _("state"), default=TermState.PROPOSED, choices=TermState.choices, protected=True
    )
    contact = models.ForeignKey(
        SupervisionContact,
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=20, choices=TermEnd.choices, blank=True
    )
    end_details = models.TextField(_("details"), blank=True)
    ended_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("guarantor")
        verbose_name_plural = _("guarantors")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervision"],
                condition=models.Q(state="active"),
                name="uniq_active_guarantor_term",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.get_state_display()}"

    @property
    def failing_conditions(self) -> list[str]:
        """The items of Art 11 this guarantor does not meet."""
        return [item for field, item in ARTICLE_11_CONDITIONS if not getattr(self, field)]

    @transition(field=state, source=TermState.PROPOSED, target=TermState.ACTIVE)
    def accept(self) -> None:
        """Accepted with the letter of guarantee filed (P2014 Arts 10-11)."""

    @transition(field=state, source=TermState.ACTIVE, target=TermState.ENDED)
    def end(self) -> None:
        """Lost the conditions, disqualified or died (SPC-Interp Art 516(7))."""


class ReportKind(models.TextChoices):
    """What the guarantor reports "immediately" (P2014 Art 12 ¶2), and the guarantor's own
    change of circumstances."""

    LEFT_OR_MOVED = "left_or_moved", _("Left the city or county, or moved, without approval")
    ILLEGAL_ACT = "illegal_act", _("Committed an illegal or criminal act")
    CIRCUMSTANCES_GONE = "circumstances_gone", _("The circumstances of medical parole disappeared")
    DIED = "died", _("The person died")
    GUARANTOR_CHANGE = "guarantor_change", _("The guarantor's own circumstances changed")


#: Reports the officer has to follow up (shown in the section until a later act).
FOLLOW_UP_KINDS = frozenset(
    {ReportKind.LEFT_OR_MOVED, ReportKind.ILLEGAL_ACT, ReportKind.CIRCUMSTANCES_GONE}
)


class Reporter(models.TextChoices):
    GUARANTOR = "guarantor", _("The guarantor")
    OTHER = "other", _("Someone else")


class ReportChannel(models.TextChoices):
    PHONE = "phone", _("Telephone")
    IN_PERSON = "in_person", _("In person")
    WRITTEN = "written", _("In writing")
    ONLINE = "online", _("Reporting page or message")


class GuarantorReport(models.Model):
    """A report to the CCI on the events of P2014 Art 12 ¶2 (DOC-43; legal-spec D-31): when the
    event happened and when it was reported are both kept, the lateness shown."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="guarantor_reports"
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=ReportKind.choices)
    happened_at = models.DateTimeField(_("happened at"))
    reported_at = models.DateTimeField(_("reported at"))
    reporter = models.CharField(_("reported by"), max_length=10, choices=Reporter.choices)
    reporter_name = models.CharField(_("reporter's name"), max_length=60)
    channel = models.CharField(_("channel"), max_length=10, choices=ReportChannel.choices)
    details = models.TextField(_("details"))
    late = models.BooleanField(_("reported late"), default=False)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("guarantor's report")
        verbose_name_plural = _("guarantor's reports")
        ordering = ["-reported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.reported_at:%Y-%m-%d %H:%M}"


class MovementKind(models.TextChoices):
    LEAVE = "leave", _("Leave the city or county")
    MOVE = "move", _("Move within the area")
    CHANGE_PLACE = "change_place", _("Change of the execution place")


class MovementState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    RETURNED = "returned", _("Returned")
    TRANSFERRED = "transferred", _("Received by the new institution")


class MovementRequest(FSMModelMixin, models.Model):
    """A request to leave the city or county, to move, or to change the execution place,
    decided by the CCI (CCL Art 27)."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="movement_requests"
    )
    kind = models.CharField(_("request"), max_length=20, choices=MovementKind.choices)
    requested_on = models.DateField(_("requested on"))
    reason = models.TextField(_("reason"))
    destination = models.CharField(_("destination"), max_length=200, blank=True)
    leave_from = models.DateField(_("from"), null=True, blank=True)
    leave_until = models.DateField(_("until"), null=True, blank=True)
    new_residence = models.CharField(_("new residence"), max_length=200, blank=True)
    new_cci = models.ForeignKey(
        Organisation,
        verbose_name=_("community-correction institution of the new place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    state = FSMField(
        _("state"), default=MovementState.REQUESTED, choices=MovementState.choices, protected=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reasons = models.TextField(_("reasons of the decision"), blank=True)
    decided_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    overdue_alerted_at = models.DateTimeField(
        _("return overdue, alerted at"), null=True, blank=True
    )
    received_at = models.DateTimeField(
        _("received by the new institution at"), null=True, blank=True
    )
    previous_cci = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("request to leave or move")
        verbose_name_plural = _("requests to leave or move")
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.get_state_display()}"

    @transition(field=state, source=MovementState.REQUESTED, target=MovementState.APPROVED)
    def approve(self) -> None:
        """Approved: there is a proper reason (CCL Art 27 ¶1)."""

    @transition(field=state, source=MovementState.REQUESTED, target=MovementState.REFUSED)
    def refuse(self) -> None:
        """Refused, with the reasons (CCL Art 27 ¶1)."""

    @transition(field=state, source=MovementState.APPROVED, target=MovementState.RETURNED)
    def come_back(self) -> None:
        """The return from leave."""

    @transition(field=state, source=MovementState.APPROVED, target=MovementState.TRANSFERRED)
    def transfer(self) -> None:
        """The new place's institution received the person (CCL Art 27 ¶2)."""


class LostContact(models.Model):
    """The person cannot be reached: the search starts at once (CCL Art 30)."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="lost_contacts"
    )
    discovered_at = models.DateTimeField(_("contact lost, discovered at"))
    last_contact_at = models.DateTimeField(_("last contact at"))
    last_known = models.TextField(_("what is known (last place, last contact)"))
    search_started_at = models.DateTimeField(_("search started at"))
    measures = models.TextField(_("search measures taken"))
    public_security_informed_at = models.DateTimeField(
        _("public security informed at"), null=True, blank=True
    )
    found_at = models.DateTimeField(_("found or returned at"), null=True, blank=True)
    outcome = models.TextField(_("how it was resolved"), blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lost contact")
        verbose_name_plural = _("lost contacts")
        ordering = ["-discovered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.discovered_at:%Y-%m-%d %H:%M}"


class CustodyMeasure(models.TextChoices):
    DETENTION = "detention", _("Detention")
    DRUG_REHABILITATION = "drug_rehab", _("Compulsory isolated drug rehabilitation")
    CRIMINAL_COMPULSORY = "criminal", _("Criminal compulsory measure")


class CustodyNotice(models.Model):
    """Another organ's notice that the person was detained, put into compulsory drug
    rehabilitation or under a criminal compulsory measure (CCL Art 32). Recorded only: the
    criminal-proceedings state (T-S01) is the next issue's."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="custody_notices"
    )
    organ = models.CharField(_("notifying organ"), max_length=100)
    measure = models.CharField(_("measure"), max_length=12, choices=CustodyMeasure.choices)
    measure_details = models.CharField(_("the measure in detail"), max_length=200, blank=True)
    taken_on = models.DateField(_("measure taken on"))
    notified_on = models.DateField(_("the CCI was notified on"))
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notice of custody")
        verbose_name_plural = _("notices of custody")
        ordering = ["-taken_on", "-id"]

    def __str__(self) -> str:
        return f"{self.organ} — {self.get_measure_display()}"
