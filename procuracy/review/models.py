"""Records of the procuratorate's supervisory acts on one case (legal-spec §3.5 P1, P5-P8, P10):
attending the assessment, the seven-point review of the decision, a lower procuratorate's
report up and the answer, the supervision of the re-examination, consulting the files and a
re-assessment required with its result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from approvals.models import ApprovalDecision, ProcuratorialObjection
from cases.models import Case, Evidence
from kernel.accounts.models import Organisation


class AssessmentKind(models.TextChoices):
    DIAGNOSIS = "diagnosis", _("Diagnosis")
    EXAMINATION = "examination", _("Examination")
    IDENTIFICATION = "identification", _("Identification")


class _Record(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    procuratorate = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("procuratorate")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["recorded_at", "pk"]


class AssessmentAttendance(_Record):
    """P1 (P2014 Art 8 ¶3): the procurator attended the diagnosis, examination or
    identification."""

    assessment = models.CharField(_("assessment"), max_length=16, choices=AssessmentKind.choices)
    attended_on = models.DateField(_("attended on"))
    procurators = models.CharField(_("attending procurators"), max_length=200)
    place = models.CharField(_("place"), max_length=200)
    observations = models.TextField(_("observations"))
    irregularities = models.TextField(_("irregularities found"), blank=True)

    class Meta(_Record.Meta):
        verbose_name = _("attendance at an assessment")

    def __str__(self) -> str:
        return f"{self.get_assessment_display()} {self.attended_on}"


class ReviewPoint(models.TextChoices):
    """The seven points of SPP-Rules Art 631."""

    SENTENCE = "sentence", _("The sentence is of a type that allows temporary execution")
    ILLNESS = "illness", _("Serious illness within the catalogue")
    PREGNANCY = "pregnancy", _("Pregnant or nursing her own infant")
    SELF_CARE = "self_care", _("Cannot take care of oneself, no danger to society")
    DANGER = "danger", _("No danger to society and no self-injury")
    ORGAN = "organ", _("The deciding organ is competent")
    PROCEDURE = "procedure", _("The procedure was lawful")


class Finding(models.TextChoices):
    CONFORMS = "conforms", _("Conforms")
    NOT_CONFORMS = "not_conforms", _("Does not conform")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ReviewConclusion(models.TextChoices):
    NO_OBJECTION = "no_objection", _("No objection")
    OBJECTION = "objection", _("An objection is warranted")


class DecisionReview(_Record):
    """P5 (P2014 Art 14; SPP-Rules Art 631): the review of the decision on receipt, point by
    point; `findings` maps each `ReviewPoint` to {"finding": Finding, "note": str}."""

    decision = models.ForeignKey(ApprovalDecision, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField(_("reviewed on"))
    findings = models.JSONField(_("findings"), default=dict)
    conclusion = models.CharField(_("conclusion"), max_length=16, choices=ReviewConclusion.choices)

    class Meta(_Record.Meta):
        verbose_name = _("review of the decision")

    def __str__(self) -> str:
        return f"{self.procuratorate} {self.reviewed_on}"

    def points(self) -> list[dict[str, str]]:
        """The seven points in order, with their labels, finding and note."""
        out = []
        for point in ReviewPoint:
            found = self.findings.get(point.value, {})
            finding = found.get("finding", Finding.NOT_APPLICABLE)
            out.append(
                {
                    "key": point.value,
                    "label": str(point.label),
                    "finding": finding,
                    "finding_label": str(Finding(finding).label),
                    "note": found.get("note", ""),
                }
            )
        return out

    def not_conforming(self) -> list[dict[str, str]]:
        return [p for p in self.points() if p["finding"] == Finding.NOT_CONFORMS]


class ObjectionReport(_Record):
    """P6 (P2014 Art 30; SPP-Rules Art 632): a lower procuratorate reports its objection up to
    the procuratorate at the deciding organ's level, which decides whether to raise it."""

    upper = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("reported to")
    )
    review = models.ForeignKey(
        DecisionReview, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reasons = models.TextField(_("reasons"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    raised = models.BooleanField(_("objection raised"), null=True)
    decision_reasons = models.TextField(_("reasons of the decision"), blank=True)
    objection = models.ForeignKey(
        ProcuratorialObjection, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(_Record.Meta):
        verbose_name = _("report of an objection to the upper procuratorate")

    def __str__(self) -> str:
        return f"{self.procuratorate} → {self.upper} ({self.recorded_at:%Y-%m-%d})"


class ReexaminationSupervision(_Record):
    """P7/P8 (P2014 Art 30; SPP-Rules Art 633): the procuratorate's finding on the deciding
    organ's re-examination; an unlawful result calls for a written rectification opinion and
    is reported up."""

    objection = models.ForeignKey(
        ProcuratorialObjection, on_delete=models.PROTECT, related_name="+"
    )
    lawful = models.BooleanField(_("lawful"))
    reasons = models.TextField(_("reasons"))
    reported_to = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(_Record.Meta):
        verbose_name = _("supervision of a re-examination")

    def __str__(self) -> str:
        return f"{self.procuratorate} {self.objection}"


class FilesConsultation(_Record):
    """P10 (P2014 Art 31): consulting the materials and files, investigating."""

    consulted_on = models.DateField(_("consulted on"))
    consulted = models.TextField(_("materials consulted"))
    findings = models.TextField(_("findings"))

    class Meta(_Record.Meta):
        verbose_name = _("consultation of the files")

    def __str__(self) -> str:
        return f"{self.procuratorate} {self.consulted_on}"


class Reassessment(_Record):
    """P10 (P2014 Art 31): a re-diagnosis, re-examination or re-identification the procuratorate
    organises or requires, and its result (kept as evidence of the case)."""

    assessment = models.CharField(_("assessment"), max_length=16, choices=AssessmentKind.choices)
    performed_by = models.CharField(_("hospital or organ"), max_length=200)
    # The designated hospital asked, when it is one (issue 13): it sees the request in its
    # inbox and records the result itself (`procuracy.review.hospital`).
    hospital = models.ForeignKey(
        Organisation,
        verbose_name=_("designated hospital"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reasons = models.TextField(_("reasons"))
    due_on = models.DateField(_("due on"))
    result_recorded_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    result = models.ForeignKey(
        Evidence, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    conditions_met = models.BooleanField(_("conditions still met"), null=True)
    result_summary = models.TextField(_("result"), blank=True)

    class Meta(_Record.Meta):
        verbose_name = _("re-assessment")

    def __str__(self) -> str:
        return f"{self.get_assessment_display()} · {self.performed_by} · {self.due_on}"
