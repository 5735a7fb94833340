"""What the law requires before each step of the case (legal-spec §3.1-3.2).

`missing(case, step)` lists every unmet requirement with its article; an empty list means the
step may be taken. The state machine's conditions, the step tracker and every refusal message
use this one function, so a rule is changed in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kernel.counting import month_period_end
from kernel.refusals import Requirement

if TYPE_CHECKING:
    from .models import Case, EligibilityAssessment

#: Minimum members present at the prison's review committee (MOJ 2016 Art 3), a versioned
#: setting: the Provisions themselves fix no quorum (legal-spec §7).
REVIEW_COMMITTEE_QUORUM = 9
#: The shortest publicity in the institution, in days counted from the day the notice is posted
#: to the day it is taken down, both included (legal-spec E-17, D-28). P2014 Art 13 ¶1 fixes no
#: duration; the spec's default is the court's rule for commutation and parole publicity,
#: "公示期限为五日" (SPC 2014 Provisions on Procedure for Commutation and Parole Cases Art 3).
PUBLICITY_MINIMUM_DAYS = 5
#: Medical professionals on the self-care identification team (MOJ 2016 Art 3: at least 2).
IDENTIFICATION_TEAM_MEDICAL_MEMBERS = 2

#: At screening, facts the diagnosis will bring may still be missing (legal-spec T-B02, T-B04):
#: only a bar or an unmet time-served threshold stops the case there.
SCREENING_BLOCKS = frozenset({"ineligible", "ineligible_until"})
#: After the diagnosis or identification every input is there: missing data also blocks.
BLOCKING_OUTCOMES = frozenset({"ineligible", "ineligible_until", "needs_data"})


def _latest_assessment(case: Case) -> EligibilityAssessment | None:
    return case.latest_assessment()  # type: ignore[no-any-return]


def _screen(case: Case) -> list[Requirement]:
    assessment = _latest_assessment(case)
    if assessment is None:
        return [Requirement("P2014 Arts 5-7, 33", _("Run the eligibility assessment."))]
    if assessment.outcome in SCREENING_BLOCKS:
        return [
            Requirement(
                "P2014 Arts 5-7, 33",
                _("The eligibility assessment does not allow the case to go on (%(outcome)s).")
                % {"outcome": assessment.outcome},
            )
        ]
    return []


def _copy(case: Case, stage: str, article: str, message: str | Promise) -> list[Requirement]:
    if case.record_in_force("procuratorate-copy", stage=stage) is not None:
        return []
    return [Requirement(article, message)]


def _start_assessment(case: Case) -> list[Requirement]:
    if case.on_court_path:
        # Art 8 ¶3 addresses prisons and detention centres proposing a case; on the court
        # path the court organises the diagnosis itself (Art 17) and seeks the procuratorate's
        # opinion before deciding (Art 18 ¶4), which `approvals.court` enforces.
        return []
    return _copy(
        case,
        "assessment",
        "P2014 Art 8 ¶3",
        _("Inform the procuratorate of the diagnosis, examination or identification."),
    )


def _certificate_requirements(case: Case) -> list[Requirement]:
    out: list[Requirement] = []
    kinds = []
    if case.ground_medical:
        kinds.append("diagnosis")
    if case.ground_pregnancy:
        kinds.append("pregnancy")
    for kind in kinds:
        cert = case.certificates.in_force().filter(kind=kind).order_by("-issued_on", "-id").first()
        if cert is None:
            out.append(
                Requirement(
                    "P2014 Art 9 ¶1",
                    _(
                        "Record the certificate of a hospital designated by the provincial government."
                    ),
                )
            )
            continue
        if not cert.hospital.is_designated_on(cert.issued_on):
            out.append(
                Requirement(
                    "P2014 Art 9 ¶1",
                    _("The hospital was not a designated hospital on the day of the certificate."),
                )
            )
        from .models.workflow import SENIOR_TITLES

        if cert.doctor_1_title not in SENIOR_TITLES or cert.doctor_2_title not in SENIOR_TITLES:
            out.append(
                Requirement(
                    "P2014 Art 9 ¶1",
                    _(
                        "The certificate must be made by two doctors of deputy-senior title or above."
                    ),
                )
            )
        if not cert.vice_president_signed:
            out.append(
                Requirement(
                    "P2014 Art 9 ¶1",
                    _(
                        "The vice-president in charge of medical business must sign the certificate."
                    ),
                )
            )
        if not cert.sealed:
            out.append(Requirement("P2014 Art 9 ¶1", _("The hospital's seal is missing.")))
        if not cert.records_attached:
            out.append(
                Requirement(
                    "P2014 Art 9 ¶1",
                    _("Attach copies of the laboratory tests, imaging and medical records."),
                )
            )
        if kind == "diagnosis" and (
            cert.catalogue_item is None or cert.catalogue_item.version != "2014"
        ):
            out.append(
                Requirement(
                    "P2014 Art 5 ¶1(1) and attachment",
                    _("The illness must be an item of the 2014 Scope of Serious Illnesses."),
                )
            )
        for doctor in (cert.doctor_1, cert.doctor_2):
            if not case.recusals.in_force().filter(person_name=doctor, no_conflict=True).exists():
                out.append(
                    Requirement(
                        "P2014 Art 9 ¶3",
                        _("Record the recusal declaration of %(name)s.") % {"name": doctor},
                    )
                )
    return out


def _identification_requirements(case: Case, today: dt.date) -> list[Requirement]:
    if not case.ground_self_care:
        return []
    ident = case.identifications.in_force().order_by("-identified_on").first()
    if ident is None:
        return [
            Requirement(
                "P2014 Arts 9 ¶2, 33",
                _("Record the identification opinion of the self-care identification team."),
            )
        ]
    out = []
    if ident.medical_members < IDENTIFICATION_TEAM_MEDICAL_MEMBERS:
        out.append(
            Requirement(
                "P2014 Art 9 ¶2; MOJ 2016 Art 3",
                _("The identification team needs at least two medical professionals."),
            )
        )
    if not ident.signed_by_all:
        out.append(Requirement("P2014 Art 9 ¶2", _("Every member must sign the opinion.")))
    if not ident.signed_by_head:
        out.append(
            Requirement(
                "P2014 Art 9 ¶2", _("The head of the institution must sign and seal the opinion.")
            )
        )
    age = case.offender.age_on(today)
    needed = 1 if age >= 65 else 3
    if len(ident.activities_needing_help) < needed:
        out.append(
            Requirement(
                "P2014 Art 33 ¶2",
                _("%(needed)s of the five daily activities must need help (the person is %(age)s).")
                % {"needed": needed, "age": age},
            )
        )
    if age < 65 and today < month_period_end(ident.observation_start, 6):
        out.append(
            Requirement(
                "P2014 Art 33 ¶2",
                _("Six months of treatment, nursing and observation are completed on %(date)s.")
                % {"date": month_period_end(ident.observation_start, 6).isoformat()},
            )
        )
    for line in [m.strip() for m in ident.members.splitlines() if m.strip()]:
        if not case.recusals.in_force().filter(person_name=line, no_conflict=True).exists():
            out.append(
                Requirement(
                    "P2014 Art 9 ¶3",
                    _("Record the recusal declaration of %(name)s.") % {"name": line},
                )
            )
    return out


def _reassessed(case: Case) -> list[Requirement]:
    """T-B04: the rules are run again with the diagnosis or identification data."""
    latest_record = max(
        [c.recorded_at for c in case.certificates.in_force()]
        + [i.recorded_at for i in case.identifications.in_force()],
        default=None,
    )
    assessment = _latest_assessment(case)
    if latest_record is None:
        return []
    if assessment is None or assessment.assessed_at < latest_record:
        return [
            Requirement(
                "P2014 Arts 5-7, 9, 33",
                _("Run the eligibility assessment again with the diagnosis or identification."),
            )
        ]
    if assessment.outcome in BLOCKING_OUTCOMES:
        return [
            Requirement(
                "P2014 Arts 5-7, 33",
                _("The eligibility assessment does not allow the case to go on (%(outcome)s).")
                % {"outcome": assessment.outcome},
            )
        ]
    return []


def _record_assessment(case: Case, today: dt.date) -> list[Requirement]:
    return (
        _certificate_requirements(case)
        + _identification_requirements(case, today)
        + _reassessed(case)
    )


def _ready_for_deliberation(case: Case) -> list[Requirement]:
    out = []
    if not case.residence_checks.in_force().exists():
        out.append(
            Requirement(
                "P2014 Art 8 ¶2; CCL Art 17",
                _("Verify the residence where the sentence would be executed."),
            )
        )
    out += _guarantor_requirements(case)
    investigation = getattr(case, "investigation", None)
    if investigation is not None and investigation.opinion_received_on is None:
        out.append(
            Requirement(
                "P2014 Arts 8 ¶2, 13 ¶2",
                _("The entrusted investigation and evaluation opinion has not been received."),
            )
        )
    out += _copy(
        case,
        "materials",
        "P2014 Art 13 ¶3",
        _("Send a copy of the materials to the procuratorate before deliberation."),
    )
    return out


def _guarantor_requirements(case: Case) -> list[Requirement]:
    if not case.ground_medical:
        return []
    guarantor = getattr(case, "guarantor", None)
    if guarantor is None:
        return [Requirement("P2014 Art 10", _("Record the guarantor proposed for medical parole."))]
    out: list[Requirement] = []
    # P2014 Art 11: each item that fails, on its own, with its article item.
    out += guarantor.article_11_unmet
    if not guarantor.confirmed or guarantor.examined_on is None:
        out.append(
            Requirement("P2014 Art 10 ¶1", _("The prison must examine and confirm the guarantor."))
        )
    if guarantor.letter_filed_on is None:
        out.append(Requirement("P2014 Art 10 ¶3", _("File the guarantor's letter of guarantee.")))
    return out


def deliberation_quorum_unmet(members_present: int | None) -> Requirement | None:
    """The committee below its quorum (MOJ 2016 Art 3): the record's form refuses it with the
    same requirement the "deliberate" step would give later."""
    if members_present is None or members_present >= REVIEW_COMMITTEE_QUORUM:
        return None
    return Requirement(
        "MOJ 2016 Art 3",
        _("The review committee needs at least %(n)s members present.")
        % {"n": REVIEW_COMMITTEE_QUORUM},
    )


def publicity_too_short(starts_on: dt.date, ends_on: dt.date) -> Requirement | None:
    """A publicity shorter than `PUBLICITY_MINIMUM_DAYS`, both ends counted (legal-spec E-17)."""
    if (ends_on - starts_on).days + 1 >= PUBLICITY_MINIMUM_DAYS:
        return None
    last = starts_on + dt.timedelta(days=PUBLICITY_MINIMUM_DAYS - 1)
    return Requirement(
        "P2014 Art 13 ¶1",
        _(
            "A publicity lasts at least %(n)s days, the day it is posted and the day it is "
            "taken down included (the Provisions fix no period; the five days of the court's "
            "publicity of commutation and parole cases are followed): keep it posted until "
            "%(date)s or later."
        )
        % {"n": PUBLICITY_MINIMUM_DAYS, "date": last.isoformat()},
    )


def _deliberate(case: Case) -> list[Requirement]:
    deliberation = getattr(case, "deliberation", None)
    if deliberation is None or not deliberation.propose:
        return [
            Requirement(
                "P2014 Art 13 ¶1",
                _("Record the deliberation deciding to propose, with its minutes."),
            )
        ]
    out = []
    quorum = deliberation_quorum_unmet(deliberation.members_present)
    if quorum is not None:
        out.append(quorum)
    assessment = _latest_assessment(case)
    if (
        assessment is not None
        and assessment.outcome == "needs_discretion"
        and not deliberation.discretion_reasoning.strip()
    ):
        out.append(
            Requirement(
                "P2014 Art 7 ¶2-3",
                _(
                    "The eligibility rules leave a discretion: record the committee's reasoned decision."
                ),
            )
        )
    return out + _materials_before(case, deliberation.held_on)


def _decline(case: Case) -> list[Requirement]:
    deliberation = getattr(case, "deliberation", None)
    if deliberation is None or deliberation.propose:
        return [
            Requirement(
                "P2014 Art 13 ¶1",
                _("Record the deliberation deciding not to propose, with its reasons."),
            )
        ]
    return []


def _start_publicity(case: Case) -> list[Requirement]:
    publicity = getattr(case, "publicity", None)
    if publicity is None:
        return [Requirement("P2014 Art 13 ¶1", _("Record the publicity notice: where and when."))]
    if publicity.ends_on < publicity.starts_on:
        return [Requirement("P2014 Art 13 ¶1", _("The publicity cannot end before it starts."))]
    too_short = publicity_too_short(publicity.starts_on, publicity.ends_on)
    if too_short is not None:
        return [too_short]
    return []


def _open_objection(case: Case) -> list[Requirement]:
    if case.objections.in_force().filter(established__isnull=True).exists():
        return []
    return [Requirement("P2014 Art 13 ¶2", _("Record the objection received."))]


def _unreasoned_findings(case: Case) -> list[Requirement]:
    """Art 13 ¶2: the examination of an objection gives its reasons; a finding without them
    does not end the review, whichever page or API request recorded it."""
    return [
        Requirement(
            "P2014 Art 13 ¶2",
            _("Give the reasons for the finding on the objection of %(objector)s.")
            % {"objector": objection.objector},
        )
        for objection in case.objections.in_force().filter(established__isnull=False)
        if not objection.finding.strip()
    ]


def _dismiss_objection(case: Case) -> list[Requirement]:
    if case.objections.in_force().filter(established__isnull=True).exists():
        return [Requirement("P2014 Art 13 ¶2", _("Examine every objection first."))]
    if case.objections.in_force().filter(established=True).exists():
        return [Requirement("P2014 Art 13 ¶2", _("An objection was found established."))]
    return _unreasoned_findings(case)


def _uphold_objection(case: Case) -> list[Requirement]:
    if case.record_in_force("objection", established=True) is None:
        return [Requirement("P2014 Art 13 ¶2", _("No objection was found established."))]
    return _unreasoned_findings(case)


def _attachments(case: Case) -> list[Requirement]:
    out = []
    if (case.ground_medical or case.ground_pregnancy) and not case.has_evidence(
        "diagnosis_certificate"
    ):
        out.append(
            Requirement(
                "P2014 Art 13 ¶2", _("Attach the scan of the diagnosis or examination certificate.")
            )
        )
    if case.ground_self_care and not case.has_evidence("identification_opinion"):
        out.append(
            Requirement("P2014 Art 13 ¶2", _("Attach the scan of the identification opinion."))
        )
    if case.ground_medical and not case.has_evidence("letter_of_guarantee"):
        out.append(Requirement("P2014 Art 13 ¶2", _("Attach the signed letter of guarantee.")))
    if getattr(case, "investigation", None) is not None and not case.has_evidence(
        "investigation_opinion"
    ):
        out.append(
            Requirement("P2014 Art 13 ¶2", _("Attach the investigation and evaluation opinion."))
        )
    return out


def _materials_before(case: Case, held_on: dt.date) -> list[Requirement]:
    """Art 13 ¶3: the materials reach the procuratorate *before* the deliberation."""
    copy = case.record_in_force("procuratorate-copy", stage="materials")
    if copy is not None and copy.sent_on > held_on:
        return [
            Requirement(
                "P2014 Art 13 ¶3",
                _("The materials were sent to the procuratorate after the deliberation."),
            )
        ]
    return []


def _proposal_copy_after(case: Case) -> list[Requirement]:
    """Art 13 ¶3: the written proposal opinion is copied *after* the decision to propose."""
    copy = case.record_in_force("procuratorate-copy", stage="proposal")
    deliberation = getattr(case, "deliberation", None)
    if copy is not None and deliberation is not None and copy.sent_on < deliberation.held_on:
        return [
            Requirement(
                "P2014 Art 13 ¶3",
                _("The written proposal opinion cannot be copied before the decision to propose."),
            )
        ]
    return []


def _submit(case: Case, today: dt.date) -> list[Requirement]:
    out = []
    if case.objections.in_force().filter(established__isnull=True).exists():
        out.append(
            Requirement(
                "P2014 Art 13 ¶2", _("An objection is still open: examine it before submitting.")
            )
        )
    publicity = getattr(case, "publicity", None)
    if publicity is not None and today <= publicity.ends_on:
        out.append(
            Requirement(
                "P2014 Art 13 ¶1-2",
                _("The publicity period runs until %(date)s.")
                % {"date": publicity.ends_on.isoformat()},
            )
        )
    out += _copy(
        case,
        "proposal",
        "P2014 Art 13 ¶3",
        _("Send the written proposal opinion and materials to the procuratorate."),
    )
    return out + _proposal_copy_after(case) + _attachments(case) + _signed_off(case)


#: The head of the institution signs the proposal off (the approval form carries each internal
#: tier's signature, DOC-14): a recorded act, `prison_head_signoff`.
SIGNOFF_ARTICLE = "P2014 Art 13 ¶2"


def _signed_off(case: Case) -> list[Requirement]:
    if hasattr(case, "signoff"):
        return []
    return [
        Requirement(
            SIGNOFF_ARTICLE,
            _(
                "The head of the prison or detention centre has not signed the proposal off: "
                "the approval form goes out with the head's signature."
            ),
        )
    ]


def _submit_emergency(case: Case) -> list[Requirement]:
    out = []
    if not case.ground_medical:
        out.append(Requirement("P2014 Art 13 ¶1", _("Only medical parole may skip publicity.")))
    elif (
        case.record_in_force("certificate", kind="diagnosis", must_release_immediately=True) is None
    ):
        out.append(
            Requirement(
                "P2014 Art 13 ¶1",
                _(
                    "The diagnosis must state that the condition is serious and medical parole must be "
                    "immediate."
                ),
            )
        )
    out += _copy(
        case,
        "proposal",
        "P2014 Art 13 ¶3",
        _("Send the written proposal opinion and materials to the procuratorate."),
    )
    return out + _proposal_copy_after(case) + _attachments(case) + _signed_off(case)


STEPS = (
    "screen",
    "start_assessment",
    "record_assessment",
    "prepare",
    "ready_for_deliberation",
    "deliberate",
    "decline",
    "start_publicity",
    "receive_objection",
    "dismiss_objection",
    "uphold_objection",
    "submit",
    "submit_emergency",
    "not_propose",
)


def missing(case: Case, step: str, *, today: dt.date | None = None) -> list[Requirement]:
    """Every requirement of `step` the case does not meet yet, each with its article."""
    today = today or timezone.localdate()
    checks: dict[str, Callable[[], list[Requirement]]] = {
        "screen": lambda: _screen(case),
        "start_assessment": lambda: _start_assessment(case),
        "record_assessment": lambda: _record_assessment(case, today),
        "prepare": lambda: [],
        "ready_for_deliberation": lambda: _ready_for_deliberation(case),
        "deliberate": lambda: _deliberate(case),
        "decline": lambda: _decline(case),
        "start_publicity": lambda: _start_publicity(case),
        "receive_objection": lambda: _open_objection(case),
        "dismiss_objection": lambda: _dismiss_objection(case),
        "uphold_objection": lambda: _uphold_objection(case),
        "submit": lambda: _submit(case, today),
        "submit_emergency": lambda: _submit_emergency(case),
        "not_propose": lambda: [],
    }
    if step not in checks:
        raise ValueError(f"Unknown step {step!r}")
    return list(checks[step]())
