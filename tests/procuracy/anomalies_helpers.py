"""The anomaly dashboard's data set: a clean case taken lawfully through the stages (the
`supervised` chain of tests/supervision: proposed, approved, received, released, handed over,
received into community correction on 31 March 2026), and `plant(world, case, code)` to plant
each signal's anomaly in it.

Evaluate on `TODAY` (time_machine) so that the clean case's clocks are neither due nor overdue.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable

from cases.models import Case, MedicalCertificate, Sentence
from cases.models.person import Commutation, SentenceType
from cases.models.workflow import Title
from cases.sentence import CommutationKind
from procuracy.imports.models import ExternalRecord, ExternalRecordKind, ImportBatch
from supervision.discipline.models import DisciplineMeasure, MeasureKind, MonitoringPeriod
from supervision.guarantee.models import (
    GuarantorReport,
    GuarantorTerm,
    ProposedBy,
    ReportChannel,
    Reporter,
    ReportKind,
    TermState,
)
from supervision.medical.models import (
    PostponementRequester,
    PostponementState,
    ReexaminationPostponement,
)
from supervision.medical.services import reexamination_clock_open
from supervision.models import (
    ConditionChange,
    ConditionReview,
    Reception,
    ReviewFinding,
    Supervision,
)

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
#: The day the signals are evaluated on: ten days after the reception of the clean case.
TODAY = dt.date(2026, 4, 10)
NOW = dt.datetime(2026, 4, 10, 10, tzinfo=SH)


def _certificate(case: Case) -> MedicalCertificate:
    return MedicalCertificate.objects.in_force().filter(case=case).first()  # type: ignore[attr-defined,no-any-return]


def _second_case(case: Case, **fields: object) -> Case:
    """Another case of the same person (an earlier grant), outside every jurisdiction."""
    return Case.objects.create(
        number=f"{case.number}-2",
        offender=case.offender,
        sentence=case.sentence,
        path=case.path,
        opened_on=dt.date(2024, 1, 5),
        **fields,
    )


def _record(world, case: Case, kind: str, ref: str) -> ExternalRecord:
    batch = ImportBatch.objects.create(
        source="公安机关", organisation=world.proc_a, imported_by=world.procurator_a, channel="csv"
    )
    record = ExternalRecord.objects.create(
        batch=batch,
        source="公安机关",
        source_ref=ref,
        kind=kind,
        id_number=case.offender.id_number,
        name=case.offender.name,
        occurred_on=TODAY - dt.timedelta(days=3),
    )
    record.offenders.add(case.offender)
    return record


def _review(world, case: Case, **fields: object) -> ConditionReview:
    values: dict[str, object] = {
        "reexamined_on": TODAY - dt.timedelta(days=2),
        "hospital": world.hospital,
        "hospital_designated": True,
        "doctors": "王医生（主任医师）",
        "findings": "病情稳定",
        "finding": ReviewFinding.PERSIST,
        "recorded_by": world.officer,
        **fields,
    }
    return ConditionReview.objects.create(supervision=case.supervision, **values)


def _guarantor(world, supervision: Supervision, **fields: object) -> GuarantorTerm:
    values: dict[str, object] = {
        "name": "李保证",
        "id_number": "330106197001011234",
        "relationship": "配偶",
        "proposed_by": ProposedBy.RELATIVE,
        "full_capacity_and_willing": True,
        "freedom_not_restricted": True,
        "fixed_residence_and_income": True,
        "lives_with_or_nearby": True,
        "state": TermState.ACTIVE,
        "recorded_by": world.officer,
        **fields,
    }
    return GuarantorTerm.objects.create(supervision=supervision, **values)


def commuted(case: Case, ruling_date: dt.date = dt.date(2022, 1, 10)) -> Commutation:
    """Make the sentence of `case` a life sentence commuted to a fixed term on `ruling_date`,
    with no certificate of a short-term danger to life."""
    Sentence.objects.filter(pk=case.sentence_id).update(original_type=SentenceType.LIFE)
    MedicalCertificate.objects.filter(case=case).update(short_term_life_danger=False)
    return Commutation.objects.create(
        sentence_id=case.sentence_id,
        ruling_date=ruling_date,
        kind=CommutationKind.TO_FIXED_TERM.value,
        years=20,
    )


def _more_certificates(case: Case, doctors: list[str]) -> None:
    first = _certificate(case)
    for doctor in doctors:
        MedicalCertificate.objects.create(
            case=case,
            kind=first.kind,
            hospital=first.hospital,
            issued_on=first.issued_on,
            catalogue_item=first.catalogue_item,
            doctor_1=doctor,
            doctor_1_title=Title.CHIEF,
            doctor_2=f"{doctor}副",
            doctor_2_title=Title.DEPUTY_CHIEF,
        )


def _plants(world, case: Case) -> dict[str, Callable[[], object]]:
    supervision = case.supervision
    s = Supervision.objects.filter(pk=supervision.pk)
    cert = MedicalCertificate.objects.filter(pk=_certificate(case).pk)
    return {
        "illness_outside_catalogue": lambda: cert.update(catalogue_item=None),
        "time_served_short": lambda: (
            Sentence.objects.filter(pk=case.sentence_id).update(
                execution_start=dt.date(2024, 1, 1)
            ),
            cert.update(short_term_life_danger=False),
        ),
        "time_served_short_after_commutation": lambda: commuted(case),
        "certificate_not_designated": lambda: cert.update(hospital=world.court),
        "certificate_junior_doctors": lambda: cert.update(doctor_2_title=Title.ATTENDING),
        "hospital_unusual_share": lambda: _more_certificates(case, ["甲", "乙", "丙", "丁"]),
        "doctor_unusual_share": lambda: _more_certificates(case, [cert.get().doctor_1] * 4),
        "strict_review_approved": lambda: Case.objects.filter(pk=case.pk).update(
            strict_review=True
        ),
        "filing_missing": lambda: Case.objects.filter(pk=case.pk).update(filing_required=True),
        "decided_after_last_day": lambda: Sentence.objects.filter(pk=case.sentence_id).update(
            expiry_date=dt.date(2026, 3, 25)
        ),
        "hand_over_late": lambda: Reception.objects.filter(case=case).update(
            received_at=dt.datetime(2026, 4, 10, 9, tzinfo=SH)
        ),
        "reexamination_overdue": lambda: reexamination_clock_open(
            case=case,
            organisation=world.cci,
            at=NOW - dt.timedelta(days=100),
            actor=world.officer,
        ),
        "reexamination_not_designated": lambda: _review(world, case, hospital_designated=False),
        "postponed_without_approval": lambda: ReexaminationPostponement.objects.create(
            supervision=supervision,
            requested_by_party=PostponementRequester.PERSON,
            reason="住院治疗",
            due_before=TODAY - dt.timedelta(days=1),
            requested_date=TODAY + dt.timedelta(days=30),
            recorded_by=world.officer,
            state=PostponementState.REFUSED,
        ),
        "circumstances_gone_no_proposal": lambda: _review(
            world, case, finding=ReviewFinding.DISAPPEARED
        ),
        "condition_unreviewed_long": lambda: s.update(
            opened_at=dt.datetime(2025, 1, 5, 10, tzinfo=SH)
        ),
        "condition_unchanged_no_panel": lambda: (
            s.update(opened_at=dt.datetime(2025, 1, 5, 10, tzinfo=SH)),
            _review(world, case, condition_change=ConditionChange.UNCHANGED),
        ),
        "two_warnings_no_proposal": lambda: [
            DisciplineMeasure.objects.create(
                supervision=supervision,
                kind=MeasureKind.WARNING,
                decided_on=TODAY - dt.timedelta(days=days),
                facts="未按时报到",
                officer=world.officer,
            )
            for days in (8, 3)
        ],
        "violation_unsanctioned": lambda: GuarantorReport.objects.create(
            supervision=supervision,
            kind=ReportKind.LEFT_OR_MOVED,
            happened_at=NOW - dt.timedelta(days=4),
            reported_at=NOW - dt.timedelta(days=3),
            reporter=Reporter.GUARANTOR,
            reporter_name="李保证",
            channel=ReportChannel.PHONE,
            details="擅自离开县境",
            recorded_by=world.officer,
        ),
        "new_offence_still_listed": lambda: _record(
            world, case, ExternalRecordKind.DETENTION, "JL-1"
        ),
        "nursing_past_first_birthday": lambda: s.update(
            ground_pregnancy=True,
            ground_medical=False,
            nursing_ends_on=TODAY - dt.timedelta(days=1),
        ),
        "repeated_pregnancies": lambda: (
            Case.objects.filter(pk=case.pk).update(ground_pregnancy=True),
            _second_case(case, ground_pregnancy=True),
        ),
        "guarantor_for_several": lambda: (
            _guarantor(world, supervision),
            _guarantor(
                world,
                Supervision.objects.create(
                    case=_second_case(case),
                    executing_cci=world.cci,
                    opened_at=NOW - dt.timedelta(days=300),
                ),
            ),
        ),
        "guarantor_not_nearby": lambda: _guarantor(world, supervision, lives_with_or_nearby=False),
        "monitoring_lapsed": lambda: MonitoringPeriod.objects.create(
            supervision=supervision,
            ground="injunction",
            facts="违反禁止令",
            approved_by="县司法局",
            approved_on=TODAY - dt.timedelta(days=60),
            starts_on=TODAY - dt.timedelta(days=60),
            ends_on=TODAY - dt.timedelta(days=1),
            officer=world.officer,
        ),
        "expired_not_released": lambda: s.update(expiry_date=TODAY - dt.timedelta(days=1)),
        "death_recorded_elsewhere": lambda: _record(world, case, ExternalRecordKind.DEATH, "SW-1"),
    }


def plant(world, case: Case, code: str) -> None:
    """Plant the anomaly of the signal `code` in the clean `case`."""
    _plants(world, case)[code]()


def more_cases(world, case: Case, n: int, *, planted: bool = True) -> list[Case]:
    """`n` more cases of the supervising procuratorate of `case`, each flagged under several
    signals when `planted` (strict review, filing missing, a second grant on pregnancy)."""
    from cases.jurisdiction import Capacity
    from cases.models import CaseParticipant

    made = []
    start = Case.objects.filter(number__startswith=f"{case.number}-X").count()
    for i in range(start, start + n):
        extra = Case.objects.create(
            number=f"{case.number}-X{i}",
            offender=case.offender,
            sentence=case.sentence,
            path=case.path,
            opened_on=dt.date(2026, 1 + i % 3, 5),
            strict_review=planted,
            filing_required=planted,
            ground_pregnancy=planted,
        )
        CaseParticipant.objects.create(
            case=extra, organisation=world.proc_a, capacity=Capacity.PROCURATORATE
        )
        made.append(extra)
    return made
