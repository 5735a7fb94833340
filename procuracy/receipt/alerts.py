"""Overdue deadlines reach the procuratorate (legal-spec §3.5, last bullet of P1-P11): besides
the procuratorates supervising the responsible organisation (`ProcuratorialAssignment`, in the
kernel's sweep), every procuratorate taking part in the case a deadline is on is told, once per
deadline. The deadline's subject is the case, or a record of it (a field `case`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType

from cases.models import Case, CaseParticipant
from kernel.deadlines.services import WatchedDeadline, deadline_watchers_register

from .acts import PROCURATORATE_CAPACITIES


def _case_of_subjects(deadlines: Sequence[WatchedDeadline]) -> dict[int, int]:
    """{deadline id: case id}, one query per kind of record the deadlines are on."""
    by_type: dict[int, list[WatchedDeadline]] = {}
    for deadline in deadlines:
        by_type.setdefault(deadline.subject_type_id, []).append(deadline)
    cases: dict[int, int] = {}
    for type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        if issubclass(model, Case):
            cases.update({d.pk: d.subject_id for d in group})
            continue
        if not any(f.name == "case" for f in model._meta.concrete_fields):
            continue
        owners = dict(
            model._default_manager.filter(pk__in=[d.subject_id for d in group]).values_list(
                "pk", "case_id"
            )
        )
        cases.update({d.pk: owners[d.subject_id] for d in group if d.subject_id in owners})
    return cases


def procuratorates_of_the_case(deadlines: Sequence[WatchedDeadline]) -> dict[int, set[int]]:
    cases = _case_of_subjects(deadlines)
    if not cases:
        return {}
    taking_part: dict[int, set[int]] = {}
    for case_id, organisation_id in CaseParticipant.objects.filter(
        case_id__in=set(cases.values()), capacity__in=PROCURATORATE_CAPACITIES
    ).values_list("case_id", "organisation_id"):
        taking_part.setdefault(case_id, set()).add(organisation_id)
    return {deadline: taking_part.get(case, set()) for deadline, case in cases.items()}


deadline_watchers_register(procuratorates_of_the_case)
