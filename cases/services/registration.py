"""One function per user action, each in one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import OFFENDER_FILING_ROLES, CourtLevel, OrganisationType
from kernel.audit.services import audit_record
from kernel.numbering.services import number_issue

from .. import sentence as arithmetic
from ..choices import (
    SENTENCING_COURT,
    SENTENCING_COURT_LEVEL,
    choice_require,
    sentencing_court_choices,
)
from ..jurisdiction import Capacity
from ..models import Case, CaseParticipant, CasePath, Commutation, Offender, Sentence, SentenceType
from ..selectors import supervising_procuratorates


def _require_filing_clerk(actor: User) -> Organisation:
    if not (actor.role_codes & OFFENDER_FILING_ROLES) or actor.organisation is None:
        raise PermissionDenied(_("Only a prison or detention-centre clerk registers offenders."))
    return actor.organisation


@transaction.atomic
def offender_register(
    *, actor: User, offender_data: dict[str, Any], sentence_data: dict[str, Any]
) -> Offender:
    """Register a person in custody at the clerk's institution, with the sentence executed."""
    institution = _require_filing_clerk(actor)
    _sentencing_court_check(institution, sentence_data)
    offender = Offender(custodian=institution, **offender_data)
    # Unique per institution only: an identity number registered elsewhere is neither
    # refused nor revealed (issue #9 item 3).
    offender.full_clean()
    offender.save()
    sentence = Sentence(offender=offender, is_current=True, **sentence_data)
    sentence.full_clean(exclude=["offender", "current_type"])
    sentence.refresh_derived(sentence.facts(commutations=[], non_counted=[]))
    sentence.save()
    audit_record(
        actor=actor,
        action="offender.registered",
        obj=offender,
        payload={"sentence_id": sentence.pk, "expiry_date": _iso(sentence.expiry_date)},
    )
    return offender


def _sentencing_court_check(institution: Organisation, sentence_data: dict[str, Any]) -> None:
    """The original court is a court of the institution's province, and a life or
    death-with-reprieve sentence comes from an intermediate or higher court (`cases.choices`)."""
    court = sentence_data.get("sentencing_court")
    if court is None:
        return
    choice_require(
        sentencing_court_choices(institution), court, SENTENCING_COURT, field="sentencing_court"
    )
    if (
        sentence_data.get("original_type") in (SentenceType.LIFE, SentenceType.DEATH_REPRIEVE)
        and court.court_level == CourtLevel.BASIC
    ):
        raise ValidationError({"sentencing_court": SENTENCING_COURT_LEVEL.refusal()})


@transaction.atomic
def commutation_record(
    *,
    actor: User,
    sentence: Sentence,
    ruling_date: dt.date,
    kind: str,
    years: int = 0,
    months: int = 0,
    days: int = 0,
    ruling_number: str = "",
) -> Commutation:
    """Record a commutation ruling and recompute the expiry (legal-spec E-04)."""
    institution = _require_filing_clerk(actor)
    sentence = Sentence.objects.select_for_update().get(pk=sentence.pk)
    if sentence.offender.custodian_id != institution.pk:
        raise PermissionDenied(_("The offender is not held at your institution."))
    commutation = Commutation(
        sentence=sentence,
        ruling_date=ruling_date,
        kind=kind,
        years=years,
        months=months,
        days=days,
        ruling_number=ruling_number,
    )
    commutation.full_clean(exclude=["sentence"])
    existing = list(sentence.commutations.all())
    facts = sentence.facts(commutations=[*existing, commutation])
    try:
        arithmetic.validate(facts)
    except arithmetic.SentenceError as exc:
        # Lazy: the refusal reads in the language of the page that shows it.
        raise ValidationError(exc.lazy_message) from None
    before = sentence.expiry_date
    commutation.save()
    sentence.refresh_derived(facts)
    sentence.save(update_fields=["current_type", "expiry_date"])
    audit_record(
        actor=actor,
        action="sentence.commutation_recorded",
        obj=sentence,
        payload={
            "commutation_id": commutation.pk,
            "kind": kind,
            "expiry_before": _iso(before),
            "expiry_after": _iso(sentence.expiry_date),
        },
    )
    return commutation


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


_DECIDING_ORGAN_TYPE = {
    CasePath.PRISON: OrganisationType.PRISON_ADMINISTRATION,
    CasePath.DETENTION_CENTRE: OrganisationType.MUNICIPAL_PUBLIC_SECURITY,
}


@transaction.atomic
def case_apply(
    *,
    actor: User,
    offender: Offender,
    opened_on: dt.date,
    grounds: dict[str, bool],
    application: dict[str, Any] | None = None,
) -> Case:
    """T-B01: the institution opens a case ex officio (Art 8 ¶1 "shall organise") or on the
    written application of the prisoner, a relative or the guardian (Art 8 ¶1)."""
    from ..models import WrittenApplication

    case = case_open(
        actor=actor,
        offender=offender,
        opened_on=opened_on,
        ground_medical=grounds.get("ground_medical", False),
        ground_pregnancy=grounds.get("ground_pregnancy", False),
        ground_self_care=grounds.get("ground_self_care", False),
    )
    if application:
        record = WrittenApplication(case=case, **application)
        record.full_clean()
        record.save()
    return case


@transaction.atomic
def case_open(
    *,
    actor: User,
    offender: Offender,
    number: str | None = None,
    opened_on: dt.date,
    ground_medical: bool = False,
    ground_pregnancy: bool = False,
    ground_self_care: bool = False,
) -> Case:
    """Open a case at the institution holding the offender and route it to the organisations
    the law names: the approving authority (P2014 Art 2), the stationed procuratorate and the
    procuratorate at the authority's level (Art 13; legal-spec E-30)."""
    institution = _require_filing_clerk(actor)
    if offender.custodian_id != institution.pk:
        raise PermissionDenied(_("The offender is not held at your institution."))
    path = (
        CasePath.PRISON
        if institution.type == OrganisationType.PRISON
        else CasePath.DETENTION_CENTRE
    )
    sentence = offender.sentences.filter(is_current=True).first()
    if sentence is None:
        raise ValidationError(_("Register the sentence being executed before opening a case."))
    deciding = _approving_authority(institution, _DECIDING_ORGAN_TYPE[path])
    number = number or _next_number(institution, opened_on)
    case = Case(
        number=number,
        offender=offender,
        sentence=sentence,
        path=path,
        opened_on=opened_on,
        ground_medical=ground_medical,
        ground_pregnancy=ground_pregnancy,
        ground_self_care=ground_self_care,
    )
    case.full_clean(exclude=["state"])
    case.save()
    participants = [(institution, Capacity.INSTITUTION), (deciding, Capacity.DECISION_ORGAN)]
    participants += [(p, Capacity.PROCURATORATE) for p in supervising_procuratorates(institution)]
    participants += [
        (p, Capacity.DECISION_PROCURATORATE) for p in supervising_procuratorates(deciding)
    ]
    if sentence.sentencing_court is not None:
        participants.append((sentence.sentencing_court, Capacity.ORIGINAL_COURT))
    CaseParticipant.objects.bulk_create(
        CaseParticipant(case=case, organisation=o, capacity=c) for o, c in participants
    )
    audit_record(
        actor=actor,
        action="case.opened",
        obj=case,
        to_state=case.state,
        payload={"path": path, "deciding_organ": deciding.pk},
    )
    return case


#: The series word of the institution's case numbers (浙一监暂〔2026〕001号).
CASE_SERIES = "暂"


def _next_number(institution: Organisation, opened_on: dt.date) -> str:
    """A case number in the official style, from the institution's series for the year
    (`kernel.numbering`); a number a clerk typed earlier is skipped."""
    return number_issue(
        organisation=institution,
        series=CASE_SERIES,
        year=opened_on.year,
        taken=lambda number: Case.objects.filter(number=number).exists(),
    )


def _approving_authority(institution: Organisation, wanted: str) -> Organisation:
    node: Organisation | None = institution.parent
    while node is not None:
        if node.type == wanted:
            return node
        node = node.parent
    raise ValidationError(
        _(
            "No approving authority is configured above %(org)s (P2014 Art 2): ask the system "
            "administrator to set the organisation's parent."
        )
        % {"org": institution}
    )
