"""T-A03: the investigation and evaluation the court may entrust before it decides (CCL Art 18;
legal-spec §3.3 T-A03, DOC-07a/b).

The court (a judge or court clerk of the case's court) entrusts the community-correction
institution or the county judicial administration of the defendant's residence during its
assessment, before it seeks the procuratorate's opinion (T-A03 comes between T-A02 and T-A04).
The entrusted institution sees the request on its own screen, not the court's case file: its
correction officers file the opinion there. A judicial administration has no users here, so
the court records an opinion that reached it on paper, as it records proofs of service. Once
entrusted, the court decides with the opinion in hand (`court_decision_missing`).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.choices import ChoiceRule, choice_require, investigation_choices
from cases.jurisdiction import Capacity
from cases.models import Case, CaseState
from cases.rules import Requirement
from cases.services.workflow import TransitionRefused, case_lock_for_update
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import COURT_ROLES, Role
from kernel.audit.services import audit_record
from kernel.notices.services import notice_send_to_role

from .court import _court_of, _notify_court, _proceeding, _served_refusal
from .models import CourtInvestigation

ART_CCL_18 = "CCL Art 18"
#: T-A03 leaves the assessment (A2) for the optional investigation (A3) before T-A04.
ENTRUSTING_STATES = frozenset({CaseState.ASSESSMENT, CaseState.ASSESSED})
#: Who files the opinion for the entrusted institution.
REPORTING_ROLES = frozenset({Role.CORRECTION_OFFICER})

#: The lawful institutions are those of `cases.choices.investigation_choices` (the judicial
#: administration or community-correction institution of the residence or habitual
#: residence); on the court path the article is CCL Art 18 alone.
COURT_INVESTIGATION = ChoiceRule(
    ART_CCL_18,
    gettext_lazy(
        "Entrust the community-correction institution or the county judicial administration "
        "of the defendant's residence"
    ),
)


def court_investigation_choices(case: Case) -> QuerySet[Organisation]:
    return investigation_choices(case)


# Reads scoped to the user.


def court_investigation_list_for_user(*, user: User) -> QuerySet[CourtInvestigation]:
    """The investigations entrusted to the user's institution, for its correction officers."""
    if not (user.role_codes & REPORTING_ROLES) or user.organisation_id is None:
        return CourtInvestigation.objects.none()
    return CourtInvestigation.objects.filter(entrusted_to_id=user.organisation_id).select_related(
        "case__offender", "case__court_proceeding__court", "entrusted_to"
    )


def _is_court_staff(case: Case, user: User) -> bool:
    organs = [p for p in case.participants.all() if p.capacity == Capacity.DECISION_ORGAN]
    court = organs[0].organisation_id if organs else None
    return bool(user.role_codes & COURT_ROLES) and court == user.organisation_id


def court_investigation_get_for_user(*, user: User, case_pk: int) -> CourtInvestigation:
    """The investigation of a court case, for the entrusted institution's officers and the
    case's court; nobody else learns it exists (404)."""
    investigation = (
        CourtInvestigation.objects.select_related(
            "case__offender", "case__court_proceeding__court", "entrusted_to"
        )
        .prefetch_related("case__participants")
        .filter(case_id=case_pk)
        .first()
    )
    if investigation is None:
        raise Http404
    entrusted = (
        bool(user.role_codes & REPORTING_ROLES)
        and investigation.entrusted_to_id == user.organisation_id
    )
    if not (entrusted or _is_court_staff(investigation.case, user)):
        raise Http404
    return investigation


# T-A03: entrust.


@transaction.atomic
def court_investigation_entrust(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    entrusted_to: Organisation,
    request: str,
    entrusted_on: dt.date | None = None,
) -> CourtInvestigation:
    """DOC-07a: the court entrusts the investigation and evaluation of the defendant's social
    danger and impact on the community of residence (CCL Art 18), during its assessment and
    before the execution documents are served (P2014 Art 18 ¶1)."""
    case = case_lock_for_update(case_id, expected_state)
    court = _court_of(case, actor)
    proceeding = _proceeding(case)
    if proceeding.execution_documents_served:
        raise TransitionRefused([_served_refusal(proceeding)])
    if case.state not in ENTRUSTING_STATES:
        raise TransitionRefused(
            [
                Requirement(
                    ART_CCL_18,
                    _(
                        "The court entrusts an investigation during its assessment, before it "
                        "seeks the procuratorate's opinion; the case is “%(state)s”."
                    )
                    % {"state": case.get_state_display()},
                )
            ]
        )
    if CourtInvestigation.objects.filter(case=case).exists():
        raise ValidationError(_("An investigation is already entrusted for this case."))
    choice_require(
        court_investigation_choices(case), entrusted_to, COURT_INVESTIGATION, field="entrusted_to"
    )
    if not request.strip():
        raise ValidationError(_("Write what the institution is asked to investigate and evaluate."))
    entrusted_on = entrusted_on or timezone.localdate()
    if entrusted_on < case.opened_on:
        raise ValidationError(
            _("The investigation cannot be entrusted before the case was opened.")
        )
    investigation = CourtInvestigation(
        case=case,
        entrusted_to=entrusted_to,
        entrusted_on=entrusted_on,
        request=request.strip(),
        entrusted_by=actor,
    )
    investigation.full_clean()
    investigation.save()
    audit_record(
        actor=actor,
        action="case.court_investigation_entrusted",
        obj=case,
        payload={
            "investigation_id": investigation.pk,
            "entrusted_to": entrusted_to.pk,
            "court": court.pk,
        },
    )
    notice_send_to_role(
        organisation_id=entrusted_to.pk,
        roles=list(REPORTING_ROLES),
        key=f"court-investigation:{investigation.pk}",
        subject=_(
            "%(court)s entrusts you with an investigation and evaluation (CCL Art 18): %(name)s"
        )
        % {"court": court, "name": case.offender.name},
        body=request[:500],
        link=investigation_url(case.pk),
        severity="warning",
    )
    return investigation


def investigation_url(case_pk: int) -> str:
    from django.urls import reverse

    return reverse("approvals:court_investigation", args=[case_pk])


# DOC-07b: the opinion.


@transaction.atomic
def court_investigation_report(
    *, case_id: int, actor: User, opinion: str, opinion_on: dt.date
) -> CourtInvestigation:
    """The entrusted institution's investigation and evaluation opinion (DOC-07b, CCL Art 18):
    filed by one of its correction officers, or recorded by the court when it arrived on
    paper. The court is told; it decides with the opinion in hand."""
    case = case_lock_for_update(case_id, None)
    investigation = CourtInvestigation.objects.select_for_update().filter(case=case).first()
    if investigation is None:
        raise Http404
    entrusted = (
        bool(actor.role_codes & REPORTING_ROLES)
        and investigation.entrusted_to_id == actor.organisation_id
    )
    if not entrusted and not _is_court_staff(case, actor):
        raise PermissionDenied(
            _(
                "Only an officer of the entrusted institution files the opinion, or the court "
                "records the one it received."
            )
        )
    if investigation.reported:
        raise ValidationError(_("The investigation and evaluation opinion is already recorded."))
    if hasattr(case, "decision"):
        raise TransitionRefused(
            [Requirement(ART_CCL_18, _("The court has already decided this case."))]
        )
    if not opinion.strip():
        raise ValidationError(_("Write the investigation and evaluation opinion."))
    if opinion_on < investigation.entrusted_on:
        raise ValidationError(
            _("The opinion cannot be given before the investigation was entrusted.")
        )
    if opinion_on > timezone.localdate():
        raise ValidationError(_("The opinion date is in the future."))
    investigation.opinion = opinion.strip()
    investigation.opinion_on = opinion_on
    investigation.opinion_recorded_by = actor
    investigation.opinion_recorded_at = timezone.now()
    investigation.save()
    audit_record(
        actor=actor,
        action="case.court_investigation_reported",
        obj=case,
        payload={
            "investigation_id": investigation.pk,
            "by_entrusted_institution": entrusted,
        },
    )
    if entrusted:
        proceeding = _proceeding(case)
        _notify_court(
            case,
            proceeding.court,
            f"court-investigation-opinion:{investigation.pk}",
            _("Investigation and evaluation opinion on %(case)s (CCL Art 18)")
            % {"case": case.number},
            opinion[:500],
        )
    return investigation
