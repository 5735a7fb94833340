"""Reads of the caseload, scoped to the user (house style rule 3).

Who sees whom (legal-spec §1.1; CCL Arts 8, 24; P2014 Arts 21, 27):
- the executing community-correction institution's officers: everyone it supervises;
- the supervising procuratorate: the same people, read-only, by the one jurisdiction rule of
  `cases.selectors.case_list_for_user` (never a second copy of it);
- the deciding organ (the approving authority or the court): the people it released;
- everyone else: nobody.

Every list is one query whatever its size: the next review's clock is a subquery, never a
query per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from cases.jurisdiction import CAPACITY_ROLES, Capacity
from cases.models import Case as CaseModel
from cases.selectors import case_list_for_user
from kernel.accounts.models import User
from kernel.accounts.roles import Role
from kernel.deadlines.models import OPEN_STATUSES
from kernel.deadlines.selectors import deadlines_of

from ..models import SUPERVISION_ENDED, ConditionReview, Supervision
from .models import SupervisionDocument
from .rules import juveniles_masked_for

#: Whoever acts for the deciding organ (the approving authority or the court).
DECIDING_ROLES_OF_CAPACITY = CAPACITY_ROLES[Capacity.DECISION_ORGAN]

#: The clock of the next review of the condition (P2014 Art 21).
REVIEW_CLOCK = "D-15"

#: The sortable date columns: query-string key -> annotated or model field.
SORTS = {
    "review": "next_review_due",
    "monitoring": "monitoring_ends_on",
    "nursing": "nursing_ends_on",
    "expiry": "expiry_date",
    "name": "case__offender__name",
    "number": "case__number",
}


@dataclass(frozen=True)
class CaseloadFilters:
    """What the caseload page narrows by; every field optional."""

    state: str = "open"  # "open", "ended" or "" (both)
    ground: str = ""  # "medical", "pregnancy", "self_care"
    grade: str = ""
    overdue: bool = False
    warned: bool = False
    query: str = ""
    sort: str = "review"  # a key of SORTS, "-" in front for descending


def _visibility(user: User) -> Q | None:
    """The supervision records this user may read, as one condition; None for nobody."""
    if not user.is_authenticated or user.organisation_id is None:
        return None
    roles = user.role_codes
    conditions = []
    if Role.CORRECTION_OFFICER in roles:
        conditions.append(Q(executing_cci_id=user.organisation_id))
    if Role.PROCURATOR in roles:
        # The supervising procuratorate: the cases it takes part in as a procuratorate.
        conditions.append(Q(case__in=case_list_for_user(user=user).values("pk")))
    if roles & DECIDING_ROLES_OF_CAPACITY:
        conditions.append(Q(deciding_organ_id=user.organisation_id))
    if not conditions:
        return None
    condition = conditions[0]
    for more in conditions[1:]:
        condition |= more
    return condition


def supervision_visible_for_user(user: User) -> QuerySet[Supervision]:
    """Every supervision record the user may read, without annotations."""
    condition = _visibility(user)
    if condition is None:
        return Supervision.objects.none()
    return Supervision.objects.filter(condition)


def supervision_list_for_user(
    user: User, filters: CaseloadFilters | None = None, *, today: dt.date | None = None
) -> QuerySet[Supervision]:
    """The caseload: one row per person, with the next review's due date (its official date,
    or its weekend-only estimate marked as such) and whether it is overdue, filtered and
    sorted. One query for the rows, whatever the size."""
    from django.utils import timezone

    filters = filters or CaseloadFilters()
    today = today or timezone.localdate()
    review = deadlines_of(CaseModel, kinds=[REVIEW_CLOCK]).filter(
        subject_id=OuterRef("case_id"), status__in=OPEN_STATUSES
    )
    review = review.order_by(Coalesce("due_at", "estimated_due_at").asc(nulls_first=True), "id")
    rows = (
        supervision_visible_for_user(user)
        .select_related("case", "case__offender", "executing_cci")
        .annotate(
            next_review_due=Subquery(
                review.annotate(shown=Coalesce(F("due_date"), F("estimated_due_date"))).values(
                    "shown"
                )[:1]
            ),
            next_review_estimated=Subquery(
                review.annotate(
                    estimated=ExpressionWrapper(
                        Q(due_date__isnull=True), output_field=BooleanField()
                    )
                ).values("estimated")[:1]
            ),
            next_review_provisional_year=Subquery(review.values("provisional_year")[:1]),
            review_overdue=Case(
                When(next_review_due__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )
    if filters.state == "open":
        rows = rows.exclude(state__in=list(SUPERVISION_ENDED))
    elif filters.state == "ended":
        rows = rows.filter(state__in=list(SUPERVISION_ENDED))
    if filters.ground == "medical":
        rows = rows.filter(ground_medical=True)
    elif filters.ground == "pregnancy":
        rows = rows.filter(ground_pregnancy=True)
    elif filters.ground == "self_care":
        rows = rows.filter(ground_self_care=True)
    if filters.grade:
        rows = rows.filter(grade=filters.grade)
    if filters.overdue:
        rows = rows.filter(next_review_due__lt=today)
    if filters.warned:
        rows = rows.filter(warning_count__gte=1)
    query = filters.query.strip()
    if query:
        by_name = Q(case__offender__name__icontains=query)
        if juveniles_masked_for(user):
            # A masked name is not searchable either: the search would reveal it (CCL Art 54).
            by_name &= Q(juvenile=False)
        rows = rows.filter(Q(case__number__icontains=query) | by_name)
    key = filters.sort.lstrip("-")
    field = F(SORTS.get(key, SORTS["review"]))
    order = (
        field.desc(nulls_last=True) if filters.sort.startswith("-") else field.asc(nulls_last=True)
    )
    return rows.order_by(order, "pk")


def review_list_for_user(user: User) -> QuerySet[ConditionReview]:
    """The condition reviews (DOC-25) of the people the user may read: for the deciding organ
    those it released, for the procuratorate those it supervises, for the executing CCI its
    own; newest first, one query for the rows."""
    visible = supervision_visible_for_user(user)
    return (
        ConditionReview.objects.filter(Exists(visible.filter(pk=OuterRef("supervision_id"))))
        .select_related(
            "supervision__case__offender", "hospital", "feedback_to", "supervision__executing_cci"
        )
        .order_by("-reexamined_on", "-id")
    )


#: Who reads the caseload: the executing CCI's officers, the procurators, the deciding organ.
CASELOAD_ROLES = (
    CAPACITY_ROLES[Capacity.EXECUTING_CCI]
    | CAPACITY_ROLES[Capacity.PROCURATORATE]
    | DECIDING_ROLES_OF_CAPACITY
)


def supervision_documents_of(record: Supervision) -> QuerySet[SupervisionDocument]:
    """The documents issued on one supervision record (the caller scoped the record)."""
    return SupervisionDocument.objects.filter(supervision=record).select_related(
        "document", "addressee"
    )


def supervision_document_get(record: Supervision, pk: int) -> SupervisionDocument:
    document = supervision_documents_of(record).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document
