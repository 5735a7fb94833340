"""The case: one offender, one path, many organisations, clocks and documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from kernel.accounts.models import Organisation
from kernel.bounds import PAST_EVENT

from ..jurisdiction import Capacity
from .person import Offender, Sentence

if TYPE_CHECKING:
    from .workflow import (
        Deliberation,
        Guarantor,
        InvestigationEntrustment,
        Publicity,
        WrittenApplication,
    )


#: A number no primary key reaches, stood in for the case's key in the SQL written once.
_STAND_IN = 2_147_483_647
#: The SQL and parameters of `Case._records_present`, written by Django on first use.
_PRESENT_SQL: tuple[str, tuple[Any, ...]] | None = None


class CasePath(models.TextChoices):
    """Who decides (P2014 Art 2; legal-spec §1.2)."""

    COURT = "A", _("Court, before delivery for execution")
    PRISON = "B", _("Prison → provincial prison administration")
    DETENTION_CENTRE = "C", _("Detention centre → municipal public security")


class CaseState(models.TextChoices):
    """States of legal-spec §3.1–3.4. Transitions are declared with their articles as the
    workflow issues add them; a state is changed only through a transition."""

    INITIATED = "initiated", _("Initiated")
    SCREENED = "screened", _("Screened")
    ASSESSMENT = "assessment", _("Under assessment")
    ASSESSED = "assessed", _("Assessed")
    PREPARATION = "preparation", _("Preparation")
    READY_FOR_DELIBERATION = "ready_for_deliberation", _("Ready for deliberation")
    DELIBERATED = "deliberated", _("Decided to propose")
    PUBLICITY = "publicity", _("Publicity in the prison")
    OBJECTION_REVIEW = "objection_review", _("Objection under review")
    PROPOSED = "proposed", _("Proposed to the approving authority")
    CONSULTATION = "consultation", _("Procuratorate consulted by the court")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    NOT_PROPOSED = "not_proposed", _("Not proposed")
    RELEASE_PREPARATION = "release_preparation", _("Preparing release")
    ESCORT = "escort", _("Escort and hand-over")
    UNDER_SUPERVISION = "under_supervision", _("Under community correction")


S = CaseState


def _requirements_met(step: str):  # type: ignore[no-untyped-def]
    def condition(case: Case) -> bool:
        from ..rules import missing

        return not missing(case, step)

    condition.__name__ = f"requirements_of_{step}"
    condition.__doc__ = f"The requirements of `{step}` in cases.rules are met."
    return condition


class Case(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    """One TEOP case: one offender, one path, many organisations, clocks and documents."""

    number = models.CharField(_("case number"), max_length=40, unique=True)
    offender = models.ForeignKey(
        Offender, verbose_name=_("offender"), on_delete=models.PROTECT, related_name="cases"
    )
    sentence = models.ForeignKey(
        Sentence, verbose_name=_("sentence"), on_delete=models.PROTECT, related_name="cases"
    )
    path = models.CharField(_("path"), max_length=1, choices=CasePath.choices)
    ground_medical = models.BooleanField(_("serious illness (medical parole)"), default=False)
    ground_pregnancy = models.BooleanField(_("pregnant or nursing"), default=False)
    ground_self_care = models.BooleanField(_("unable to take care of oneself"), default=False)
    strict_review = models.BooleanField(_("strict review"), default=False)
    filing_required = models.BooleanField(_("filing for review required"), default=False)
    urgent = models.BooleanField(_("urgent"), default=False)
    publicity_waived = models.BooleanField(_("publicity waived (emergency)"), default=False)
    state = FSMField(
        _("state"),
        default=CaseState.INITIATED,
        choices=CaseState.choices,
        protected=True,
        db_index=True,
    )
    opened_on = models.DateField(_("opened on"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        # The lists read the cases in this order and stop at the page: newest first on
        # `/cases/`, oldest first on the home page (issue 15).
        indexes = [models.Index(fields=["opened_on", "id"], name="case_opened_idx")]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def on_court_path(self) -> bool:
        """The court decides, before the judgment is delivered for execution (P2014 Arts
        17-19; path A): the one test of the path, instead of comparing its letter."""
        return self.path == CasePath.COURT

    def participant(self, capacity: str) -> Organisation | None:
        """The organisation taking part in this case in `capacity` (`cases.jurisdiction.Capacity`:
        the institution, the deciding organ, the supervising procuratorate, ...), or None.

        Where the participants were prefetched (the case-file selectors prefetch them with their
        organisations) it reads those rows and queries nothing; otherwise it asks once.
        """
        if "participants" in getattr(self, "_prefetched_objects_cache", {}):
            # Asked some thirty times by the acts a page offers: the rows by capacity, once.
            by_capacity: dict[str, Organisation] | None = self.__dict__.get("_by_capacity")
            if by_capacity is None:
                by_capacity = {}
                for p in self.participants.all():
                    by_capacity.setdefault(p.capacity, p.organisation)
                self.__dict__["_by_capacity"] = by_capacity
            return by_capacity.get(capacity)
        row = self.participants.filter(capacity=capacity).select_related("organisation").first()
        return row.organisation if row is not None else None

    @property
    def decision(self) -> Any:
        """The decision on temporary execution outside prison (`approvals.ApprovalDecision` of
        kind "teop"), or None before it. The case's other decisions (imprisonment,
        re-examination, recalculation) are in `decisions`. Read once per instance; the issuing
        act sets it (`decision_cache`)."""
        cache = self.__dict__.setdefault("_decision_cache", {})
        if "teop" not in cache:
            cache["teop"] = (
                self.decisions.filter(kind="teop")  # type: ignore[attr-defined]
                .select_related("document", "authority")
                .first()
                if self.pk
                else None
            )
        return cache["teop"]

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        self.__dict__.pop("_decision_cache", None)
        self.__dict__.pop("_records_snapshot", None)
        self.__dict__.pop("_latest_assessment", None)
        self.__dict__.pop("_snapshot_present", None)
        self.__dict__.pop("_by_capacity", None)
        super().refresh_from_db(*args, **kwargs)

    def decision_cache(self, decision: Any) -> None:
        """The TEOP decision just issued: `decision` reads it without a query."""
        self.__dict__.setdefault("_decision_cache", {})["teop"] = decision

    # The records a case has one of: the one in force. A corrected or withdrawn record stays
    # in `applications`, `guarantors`, … for the history (`cases.models.workflow.CaseRecord`).

    #
    # A page that only reads the case takes a snapshot of its records once
    # (`records_snapshot`): the records in force are then read from it, not queried again by
    # each rule, form and template line. Acts never take one (they read the locked case);
    # `refresh_from_db` drops it.

    def records_snapshot(self) -> dict[str, list[Any]]:
        """Every record of the case file by kind (`CASE_FILE_RECORDS`), corrected and
        withdrawn ones included, in the order they were made: read once per instance."""
        snapshot: dict[str, list[Any]] | None = self.__dict__.get("_records_snapshot")
        if snapshot is None:
            from .eligibility import IllnessCatalogueItem
            from .workflow import CASE_FILE_RECORDS

            # Which kinds the case has at all, in one query: a kind it has none of (most of
            # them early in the procedure) costs no query of its own (issue 15).
            kinds: list[tuple[str, Any]] = list(CASE_FILE_RECORDS.items())
            present = self._records_present(kinds)
            self.__dict__["_snapshot_present"] = present
            if not present.get("has_decision"):
                self.__dict__.setdefault("_decision_cache", {}).setdefault("teop", None)
            snapshot = {}
            for i, (kind, model) in enumerate(kinds):
                if not present.get(f"has_{i}"):
                    snapshot[kind] = []
                    continue
                # Who withdrew it, and the organisations and catalogue item the page names.
                related = [
                    f.name
                    for f in model._meta.concrete_fields
                    if f.many_to_one
                    and f.name != "case"
                    and f.related_model in (Organisation, IllnessCatalogueItem)
                ] + ["withdrawn_by"]
                rows = list(model.objects.filter(case=self).select_related(*related).order_by("pk"))
                for row in rows:
                    row.case = self
                snapshot[kind] = rows
            self.__dict__["_records_snapshot"] = snapshot
        return snapshot

    def _records_present(self, kinds: list[tuple[str, Any]]) -> dict[str, Any]:
        """Whether the case has records of each kind (`has_<i>`), a procuratorial opinion and
        a TEOP decision, and which assessment is the latest: one query, whose SQL Django
        writes once per process (compiling its fourteen subqueries on every page was a
        fifth of the case page's time; issue 15)."""
        global _PRESENT_SQL
        if _PRESENT_SQL is None:
            from .eligibility import EligibilityAssessment
            from .workflow import ProcuratorialOpinion

            case = models.OuterRef("pk")
            decisions: Any = self._meta.get_field("decisions").related_model
            # The abstract CaseRecord has no `case` field; every concrete record does.
            query = (
                type(self)
                .objects.filter(pk=_STAND_IN)
                .order_by()
                .values(
                    **{
                        f"has_{i}": models.Exists(record.objects.filter(case_id=case))
                        for i, (_kind, record) in enumerate(kinds)
                    },
                    has_opinions=models.Exists(ProcuratorialOpinion.objects.filter(case_id=case)),
                    has_decision=models.Exists(decisions.objects.filter(case_id=case, kind="teop")),
                    latest_assessment_id=models.Subquery(
                        EligibilityAssessment.objects.filter(case_id=case)
                        .order_by("-assessed_at", "-id")
                        .values("pk")[:1]
                    ),
                )
            ).query
            _PRESENT_SQL = query.sql_with_params()
        sql, params = _PRESENT_SQL
        with connections[self._state.db or DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(sql, [self.pk if p == _STAND_IN else p for p in params])
            row = cursor.fetchone()
            names = [column.name for column in cursor.description or []]
        return dict(zip(names, row, strict=True)) if row else {}

    def has_evidence(self, kind: str) -> bool:
        """Whether a document of `kind` is attached (the scans P2014 Art 13 ¶2 asks for): from
        the documents already read when the page read them all (its dossier), else one
        query."""
        documents = getattr(self, "_prefetched_objects_cache", {}).get("evidence")
        if documents is not None:
            return any(e.kind == kind for e in documents)
        return bool(self.evidence.filter(kind=kind).exists())  # type: ignore[attr-defined]

    def latest_assessment(self) -> Any:
        """The latest eligibility assessment (P2014 Arts 5-7, 33), or None: read once per
        instance when the page took a snapshot of the records (it only reads), else each
        time."""
        if "_records_snapshot" not in self.__dict__:
            return self.eligibility_assessments.order_by("-assessed_at", "-id").first()
        if "_latest_assessment" not in self.__dict__:
            latest = self.__dict__["_snapshot_present"].get("latest_assessment_id")
            self.__dict__["_latest_assessment"] = (
                self.eligibility_assessments.filter(pk=latest).first() if latest else None
            )
        return self.__dict__["_latest_assessment"]

    def procuratorial_opinions_snapshot(self) -> list[Any]:
        """The written procuratorial opinions on the proposal (P2014 Art 13 ¶3), for a page
        that took a snapshot of the records: no query when the case has none."""
        present = self.__dict__.get("_snapshot_present")
        if present is not None and not present.get("has_opinions"):
            return []
        return list(self.procuratorial_opinions.all())

    def _in_force(self, kind: str, related_name: str) -> Any:
        snapshot: dict[str, list[Any]] | None = self.__dict__.get("_records_snapshot")
        if snapshot is not None:
            return next((r for r in snapshot[kind] if r.in_force), None)
        return getattr(self, related_name).in_force().first()

    def record_in_force(self, record: str, /, **match: Any) -> Any:
        """The first record in force of the kind `record` (`CASE_FILE_RECORDS`) whose fields equal
        `match`, or None: from the snapshot when the page took one, else one query."""
        snapshot: dict[str, list[Any]] | None = self.__dict__.get("_records_snapshot")
        if snapshot is not None:
            return next(
                (
                    r
                    for r in snapshot[record]
                    if r.in_force and all(getattr(r, k) == v for k, v in match.items())
                ),
                None,
            )
        from .workflow import CASE_FILE_RECORDS

        model: Any = CASE_FILE_RECORDS[record]
        return model.objects.filter(case=self, **match).in_force().order_by("pk").first()

    @property
    def application(self) -> WrittenApplication | None:
        """The written application in force (P2014 Art 8 ¶1)."""
        return self._in_force("application", "applications")  # type: ignore[no-any-return]

    @property
    def guarantor(self) -> Guarantor | None:
        """The guarantor in force (P2014 Arts 10-11)."""
        return self._in_force("guarantor", "guarantors")  # type: ignore[no-any-return]

    @property
    def investigation(self) -> InvestigationEntrustment | None:
        """The entrusted investigation in force (P2014 Arts 8 ¶2, 13 ¶2)."""
        return self._in_force("investigation", "investigations")  # type: ignore[no-any-return]

    @property
    def deliberation(self) -> Deliberation | None:
        """The review committee's deliberation in force (P2014 Art 13 ¶1)."""
        return self._in_force("deliberation", "deliberations")  # type: ignore[no-any-return]

    @property
    def publicity(self) -> Publicity | None:
        """The publicity in force (P2014 Art 13 ¶1)."""
        return self._in_force("publicity", "publicities")  # type: ignore[no-any-return]

    # Transitions of legal-spec §3.1 (path B) and §3.2 (path C). Bodies only set fields;
    # conditions are the requirements of `cases.rules`, whose refusals name the article.

    @transition(
        field=state, source=S.INITIATED, target=S.SCREENED, conditions=[_requirements_met("screen")]
    )
    def screen(self) -> None:
        """T-B02: the eligibility rules were run and do not bar the case (Arts 5-7, 33)."""

    @transition(
        field=state,
        source=[S.INITIATED, S.SCREENED, S.ASSESSED, S.PREPARATION],
        target=S.NOT_PROPOSED,
    )
    def not_propose(self) -> None:
        """T-B02x: the institution decides not to propose (reasons recorded)."""

    @transition(
        field=state,
        source=S.SCREENED,
        target=S.ASSESSMENT,
        conditions=[_requirements_met("start_assessment")],
    )
    def start_assessment(self) -> None:
        """T-B03: diagnosis, examination or identification organised (Arts 8 ¶3, 9)."""

    @transition(
        field=state,
        source=S.ASSESSMENT,
        target=S.ASSESSED,
        conditions=[_requirements_met("record_assessment")],
    )
    def record_assessment(self) -> None:
        """T-B04: a valid certificate or identification opinion is on file (Art 9)."""

    @transition(field=state, source=S.ASSESSED, target=S.PREPARATION)
    def prepare(self) -> None:
        """T-B05: residence, investigation and guarantor are prepared in parallel."""

    @transition(
        field=state,
        source=S.PREPARATION,
        target=S.READY_FOR_DELIBERATION,
        conditions=[_requirements_met("ready_for_deliberation")],
    )
    def ready_for_deliberation(self) -> None:
        """T-B06: preparation complete and materials copied to the procuratorate (Art 13 ¶3)."""

    @transition(
        field=state,
        source=S.READY_FOR_DELIBERATION,
        target=S.DELIBERATED,
        conditions=[_requirements_met("deliberate")],
    )
    def deliberate(self) -> None:
        """T-B07: the review committee decides to propose (Art 13 ¶1)."""

    @transition(
        field=state,
        source=S.READY_FOR_DELIBERATION,
        target=S.NOT_PROPOSED,
        conditions=[_requirements_met("decline")],
    )
    def decline(self) -> None:
        """T-B07x: the review committee decides not to propose (Art 13 ¶1)."""

    @transition(
        field=state,
        source=S.DELIBERATED,
        target=S.PUBLICITY,
        conditions=[_requirements_met("start_publicity")],
    )
    def start_publicity(self) -> None:
        """T-B08: the proposal is publicised in the institution (Art 13 ¶1)."""

    @transition(
        field=state,
        source=S.PUBLICITY,
        target=S.OBJECTION_REVIEW,
        conditions=[_requirements_met("receive_objection")],
    )
    def receive_objection(self) -> None:
        """T-B09: an objection was raised and must be examined (Art 13 ¶2)."""

    @transition(
        field=state,
        source=S.OBJECTION_REVIEW,
        target=S.PUBLICITY,
        conditions=[_requirements_met("dismiss_objection")],
    )
    def dismiss_objection(self) -> None:
        """T-B09a: the objection is not established (Art 13 ¶2)."""

    @transition(
        field=state,
        source=S.OBJECTION_REVIEW,
        target=S.NOT_PROPOSED,
        conditions=[_requirements_met("uphold_objection")],
    )
    def uphold_objection(self) -> None:
        """T-B09b: the objection is established; the case is not proposed (Art 13 ¶2)."""

    @transition(
        field=state, source=S.PUBLICITY, target=S.PROPOSED, conditions=[_requirements_met("submit")]
    )
    def submit(self) -> None:
        """T-B10: the approval form and dossier go to the approving authority (Arts 13-14)."""

    @transition(
        field=state,
        source=S.DELIBERATED,
        target=S.PROPOSED,
        conditions=[_requirements_met("submit_emergency")],
    )
    def submit_emergency(self) -> None:
        """T-B08e: serious illness, immediate medical parole: no publicity before release,
        an announcement within 3 working days after it (Art 13 ¶1)."""
        self.publicity_waived = True
        self.urgent = True

    # The approving authority's decision (T-B11, T-B11x). Its requirements (opinions answered,
    # review committee) belong to the approving side and are checked by `approvals.rules`
    # before `approvals.services.case_decide` fires these transitions; `cases` never imports
    # `approvals`.

    @transition(field=state, source=[S.PROPOSED, S.CONSULTATION], target=S.APPROVED)
    def approve(self) -> None:
        """T-B11: the approving authority approves within 15 working days (P2014 Art 14);
        T-A05: the court decides, after consulting the procuratorate (P2014 Art 18)."""

    @transition(field=state, source=[S.PROPOSED, S.CONSULTATION], target=S.REJECTED)
    def refuse(self) -> None:
        """T-B11x / T-A05x: the approving authority or the court does not grant it
        (P2014 Arts 14, 18 ¶3)."""

    # The court path (legal-spec §3.3). The court organises the assessment (T-A02) with the
    # transitions above; then it must seek the procuratorate's opinion before deciding.

    @transition(field=state, source=S.ASSESSED, target=S.CONSULTATION)
    def consult_procuratorate(self) -> None:
        """T-A04: the court seeks the procuratorate's opinion (P2014 Art 18 ¶4)."""

    # Release and hand-over (T-B12 … T-B14, T-A06). Their requirements belong to the
    # supervision side and are checked by `supervision.rules` before `supervision.services`
    # fires these transitions.

    @transition(field=state, source=S.APPROVED, target=S.RELEASE_PREPARATION)
    def prepare_release(self) -> None:
        """T-B12: the institution received the decision (P2014 Art 15)."""

    @transition(field=state, source=S.RELEASE_PREPARATION, target=S.ESCORT)
    def release(self) -> None:
        """T-B13: the release formalities are done; staff escort the person (P2014 Art 16)."""

    @transition(field=state, source=S.ESCORT, target=S.UNDER_SUPERVISION)
    def receive_into_supervision(self) -> None:
        """T-B14 / T-A06: handed over and registered by the community-correction institution
        (P2014 Arts 16, 19; CCL Arts 21-22)."""

    @transition(field=state, source=[S.APPROVED, S.RELEASE_PREPARATION], target=S.REJECTED)
    def revoke_approval(self) -> None:
        """P7: re-examined on a procuratorial objection, the approval is revoked before the
        release (P2014 Art 30; CPL Art 267)."""

    def clean(self) -> None:
        if not (self.ground_medical or self.ground_pregnancy or self.ground_self_care):
            raise ValidationError(_("Choose at least one ground of CPL Art 265 / P2014 Art 5."))
        # A case is opened on a day that has come (issue 14): the page's date field and any
        # other caller meet the same bound.
        try:
            PAST_EVENT(self.opened_on)
        except ValidationError as exc:
            raise ValidationError({"opened_on": exc.messages}) from None


class CaseParticipant(models.Model):
    """An organisation taking part in a case, and in which capacity. Visibility follows it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="case_participations"
    )
    capacity = models.CharField(_("capacity"), max_length=24, choices=Capacity.choices)
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation", "capacity"], name="uniq_case_participant"
            )
        ]
        indexes = [models.Index(fields=["organisation", "capacity", "case"])]

    def __str__(self) -> str:
        return f"{self.case} · {self.organisation} ({self.get_capacity_display()})"
