"""Which organisations the law lets the acting side name, act by act (issue #9 item 3).

One place answers, for every form field that offers an organisation, which organisations
are lawful choices *in this case's jurisdiction*; the form's queryset and the service's
re-check both come from here, so a forged id is refused whatever the browser sent. Nothing
here crosses a province except where the law itself points to the residence (Art 20 has its
own path in `approvals.services.cross_province_notify`; an entrusted investigation goes to
the residence's county, CCL Art 18, and is only recorded, never notified).

The rules, with their sources:

- copy to the procuratorate (P2014 Arts 8 ¶3, 13 ¶3; MPS-Rules Art 307; legal-spec E-30):
  the procuratorates routed to the case when it was opened, i.e. the one supervising the
  institution and the one at the deciding organ's level (`ProcuratorialAssignment`). They
  already see the case; nobody else receives its number or a D-09 clock.
- diagnosis or examination certificate (P2014 Art 9): a hospital designated by the
  provincial government of the province where the case is handled (the institution's, or
  the court's on the court path). The date of designation is checked by `cases.rules`.
- entrusted investigation (P2014 Art 8 ¶2): the county-level judicial administration of the
  residence (or habitual residence); Art 8 ¶2 names no other organ. The court path entrusts
  under CCL Art 18, which also names the community-correction institution.
- sentencing court (the original court, 原判人民法院): a court of the institution's province,
  since a sentence is executed in the province that tried it; a life or death-with-reprieve
  sentence is tried at first instance by an intermediate or higher court (CPL Art 21).
- the court's executing organ (P2014 Art 18 ¶2-3): a detention centre or public security
  organ of the court's own area: the city of a basic or intermediate court, the province of
  a higher court.
- the procuratorate the court consults (P2014 Art 18 ¶4; SPC-Interp Art 515 ¶2): the one
  at the court's level (routed at opening, or assigned to the court).
- filing for review (P2014 Art 2 ¶2): a procuratorate of the deciding organ's province, or
  the national one (the SPP's filing rules, which name the recipient, were not retrieved).
- the file holder (P2014 Art 20): a prison (path B) or detention centre (path C) of the
  notified authority's own province.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation, ProcuratorialAssignment
from kernel.accounts.roles import CourtLevel, Level, OrganisationType

from .jurisdiction import Capacity
from .models import Case, CasePath

T = OrganisationType


@dataclass(frozen=True)
class ChoiceRule:
    """The article that limits a choice, and what a clerk is told when an id falls outside."""

    article: str
    message: Promise

    def refusal(self) -> str:
        """The message with its article in the reader's language: "… (P2014 Art 9)" in English,
        "…（《暂予监外执行规定》第九条）" on a Chinese page, never a raw code there."""
        from django.utils.translation import get_language

        from kernel.templatetags.legal import cite

        if (get_language() or "").startswith("zh"):
            # The project's own spec ("legal-spec E-30") is a developer's reference, not law.
            laws = "; ".join(
                r for r in self.article.split(";") if not r.strip().startswith("legal-spec")
            )
            return f"{self.message}（{cite(laws)}）"
        return f"{self.message} ({self.article})"


PROCURATORATE_COPY = ChoiceRule(
    "P2014 Arts 8 ¶3, 13 ¶3; legal-spec E-30",
    _("Send the copy to a procuratorate that supervises this case"),
)
DESIGNATED_HOSPITAL = ChoiceRule(
    "P2014 Art 9",
    _("Choose a hospital designated by the government of the province handling this case"),
)
INVESTIGATION = ChoiceRule(
    "P2014 Art 8 ¶2",
    _("Entrust the county-level judicial administration of the offender's residence"),
)
SENTENCING_COURT = ChoiceRule(
    "CPL Arts 21, 264", _("Choose a court of your institution's province")
)
SENTENCING_COURT_LEVEL = ChoiceRule(
    "CPL Art 21",
    _("A life or death-with-reprieve sentence is given by an intermediate or higher court"),
)
EXECUTING_ORGAN = ChoiceRule(
    "P2014 Art 18",
    _("Choose a detention centre or public security organ of the court's own area"),
)
CONSULTED_PROCURATORATE = ChoiceRule(
    "P2014 Art 18 ¶4; SPC-Interp Art 515 ¶2",
    _("Consult the procuratorate at the court's level"),
)
FILING_RECIPIENT = ChoiceRule(
    "P2014 Art 2 ¶2", _("File with a procuratorate of the deciding organ's province")
)
FILEHOLDER = ChoiceRule(
    "P2014 Art 20", _("Designate a prison or detention centre of your own province")
)


# The organisation whose province the case is handled in.


def case_home(case: Case) -> Organisation | None:
    """Who keeps the case file: the court on the court path (Art 17), otherwise the prison
    or detention centre holding the offender (Art 8)."""
    capacity = Capacity.DECISION_ORGAN if case.path == CasePath.COURT else Capacity.INSTITUTION
    return case.participant(capacity)


def _active(*types: str) -> QuerySet[Organisation]:
    return Organisation.objects.filter(type__in=types, is_active=True).order_by(
        "region_code", "name"
    )


def _in_province(organisation: Organisation | None) -> Q:
    if organisation is None or not organisation.region_code:
        return Q(pk__in=[])
    return Q(region_code__startswith=organisation.region_code[:2])


# One function per act.


def procuratorate_copy_choices(case: Case) -> QuerySet[Organisation]:
    capacities = (Capacity.PROCURATORATE, Capacity.DECISION_PROCURATORATE)
    routed = case.participants.filter(capacity__in=capacities).values("organisation_id")
    return _active(T.PROCURATORATE).filter(pk__in=routed)


def designated_hospital_choices(case: Case) -> QuerySet[Organisation]:
    return _active(T.DESIGNATED_HOSPITAL).filter(
        _in_province(case_home(case)), designated_from__isnull=False
    )


def investigation_choices(case: Case) -> QuerySet[Organisation]:
    """Who investigates at the residence (or habitual residence). On the prison and detention
    centre paths, Art 8 ¶2: "the judicial administrative organ at the county level of
    residence", a county judicial administration only (not the community-correction
    institution, not a city's bureau). A court entrusts under CCL Art 18, which also names the
    community-correction institution (`approvals.court`)."""
    offender = case.offender
    regions = {offender.residence_region_code, offender.habitual_residence_region_code} - {""}
    if case.path == CasePath.COURT:
        return _active(T.JUDICIAL_ADMINISTRATION, T.COMMUNITY_CORRECTION).filter(
            region_code__in=regions
        )
    return _active(T.JUDICIAL_ADMINISTRATION).filter(region_code__in=regions, level=Level.COUNTY)


def sentencing_court_choices(institution: Organisation | None) -> QuerySet[Organisation]:
    return _active(T.COURT).filter(_in_province(institution))


def court_executing_organ_choices(court: Organisation | None) -> QuerySet[Organisation]:
    """The detention centres and public security organs of the court's own area."""
    organs = _active(T.DETENTION_CENTRE, T.COUNTY_PUBLIC_SECURITY, T.MUNICIPAL_PUBLIC_SECURITY)
    if court is None or court.type != T.COURT or not court.region_code:
        return organs.none()
    wide = court.court_level in (CourtLevel.HIGH, CourtLevel.SUPREME)
    return organs.filter(region_code__startswith=court.region_code[: 2 if wide else 4])


def consulted_procuratorate_choices(case: Case) -> QuerySet[Organisation]:
    court = case.participant(Capacity.DECISION_ORGAN)
    routed = case.participants.filter(capacity=Capacity.DECISION_PROCURATORATE).values(
        "organisation_id"
    )
    assigned = ProcuratorialAssignment.objects.filter(supervised=court).values("procuratorate_id")
    return _active(T.PROCURATORATE).filter(Q(pk__in=routed) | Q(pk__in=assigned))


def filing_recipient_choices(case: Case) -> QuerySet[Organisation]:
    authority = case.participant(Capacity.DECISION_ORGAN)
    return _active(T.PROCURATORATE).filter(_in_province(authority) | Q(level=Level.NATIONAL))


_FILEHOLDER_TYPES = {CasePath.PRISON: T.PRISON, CasePath.DETENTION_CENTRE: T.DETENTION_CENTRE}


def fileholder_choices(case: Case, authority: Organisation | None) -> QuerySet[Organisation]:
    wanted = _FILEHOLDER_TYPES.get(CasePath(case.path))
    if wanted is None:
        return Organisation.objects.none()
    return _active(wanted).filter(_in_province(authority))


# The check every service makes, and the form field every screen draws.


def choice_require(
    choices: QuerySet[Organisation],
    organisation: Organisation | None,
    rule: ChoiceRule,
    *,
    field: str | None = None,
) -> None:
    """Refuse an organisation the law does not allow here, whatever the form sent."""
    if organisation is not None and choices.filter(pk=organisation.pk).exists():
        return
    raise ValidationError({field: rule.refusal()} if field else rule.refusal())


def choice_field_scope(
    field: forms.Field, choices: QuerySet[Organisation], rule: ChoiceRule
) -> None:
    """Offer only the lawful organisations; a forged id gets the article, not Django's
    generic "not one of the available choices"."""
    field.queryset = choices  # type: ignore[attr-defined]
    field.error_messages["invalid_choice"] = rule.refusal()


#: The record forms' organisation fields and the rule for each (model name, field).
RECORD_CHOICES: dict[tuple[str, str], tuple[Any, ChoiceRule]] = {
    ("ProcuratorateCopy", "procuratorate"): (procuratorate_copy_choices, PROCURATORATE_COPY),
    ("MedicalCertificate", "hospital"): (designated_hospital_choices, DESIGNATED_HOSPITAL),
    ("SelfCareIdentification", "hospital"): (designated_hospital_choices, DESIGNATED_HOSPITAL),
    ("InvestigationEntrustment", "entrusted_to"): (investigation_choices, INVESTIGATION),
}


def record_choices_check(case: Case, record: Any) -> None:
    """The services' re-check of a case-file record's organisations."""
    name = type(record).__name__
    for (model, field), (choices, rule) in RECORD_CHOICES.items():
        if model == name:
            organisation = getattr(record, field, None) if getattr(record, f"{field}_id") else None
            if organisation is None and type(record)._meta.get_field(field).null:
                continue  # an optional organisation left empty (e.g. the team's hospital)
            choice_require(choices(case), organisation, rule, field=field)


def record_form_scope(form: forms.ModelForm[Any], case: Case | None) -> None:
    """Scope a case-file form's organisation fields to the case (none without a case)."""
    name = form._meta.model.__name__
    for (model, field), (choices, rule) in RECORD_CHOICES.items():
        if model == name and field in form.fields:
            queryset = choices(case) if case is not None else Organisation.objects.none()
            choice_field_scope(form.fields[field], queryset, rule)
