"""What the law says on the court path, as data and pure checks (legal-spec §3.3; P2014
Arts 17-19; SPC-Interp Arts 514-515; CCL Art 18; CPL Art 264): the articles it cites, who acts
for the court, which organ executes which custody, in which states the entrusted
investigation is taken, and what the court's decision still requires.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.choices import ChoiceRule
from cases.jurisdiction import Capacity
from cases.models import Case, CasePath, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import COURT_ROLES, INVESTIGATING_ROLES, OrganisationType
from kernel.refusals import Requirement

from ..models import CourtInvestigation, CourtProceeding

ART_17 = "P2014 Art 17"
ART_18_CONSULT = "P2014 Art 18 ¶4; SPC-Interp Art 515 ¶2"
ART_18_SERVED = "P2014 Art 18 ¶1, ¶3"
ART_CCL_18 = "CCL Art 18"
ART_CPL_264 = "CPL Art 264; SPC-Interp Art 511"

#: The assessment steps the court takes itself (T-A02) with `cases.rules`.
COURT_STEPS = ("screen", "start_assessment", "record_assessment")

#: Art 18: a detained defendant is held by a detention centre; bail and residential
#: surveillance are executed by a public security organ.
EXECUTING_ORGAN_TYPES = {
    CourtProceeding.Custody.DETAINED: frozenset({OrganisationType.DETENTION_CENTRE}),
    CourtProceeding.Custody.BAIL: frozenset(
        {OrganisationType.COUNTY_PUBLIC_SECURITY, OrganisationType.MUNICIPAL_PUBLIC_SECURITY}
    ),
    CourtProceeding.Custody.RESIDENTIAL_SURVEILLANCE: frozenset(
        {OrganisationType.COUNTY_PUBLIC_SECURITY, OrganisationType.MUNICIPAL_PUBLIC_SECURITY}
    ),
}

#: T-A03 leaves the assessment (A2) for the optional investigation (A3) before T-A04.
ENTRUSTING_STATES = frozenset({CaseState.ASSESSMENT, CaseState.ASSESSED})
#: The investigation's opinion is filed while the court has not decided: from the assessment,
#: where it is entrusted, to the consultation, where the court waits for it (T-A03, T-A04).
REPORTING_STATES = frozenset({CaseState.ASSESSMENT, CaseState.ASSESSED, CaseState.CONSULTATION})
#: Who files the opinion for the entrusted institution: the community-correction
#: institution's officers or the county judicial administration's head (issue 13).
REPORTING_ROLES = INVESTIGATING_ROLES

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


def is_court_staff(case: Case, user: User, roles: frozenset[str] = COURT_ROLES) -> bool:
    """Whether the user is a judge or clerk (`roles`) of the court deciding this court case."""
    court = case.participant(Capacity.DECISION_ORGAN)
    return (
        case.path == CasePath.COURT
        and court is not None
        and court.pk == user.organisation_id
        and bool(user.role_codes & roles)
    )


def court_staff_of(case: Case, actor: User, roles: frozenset[str] = COURT_ROLES) -> Organisation:
    """The case's court, if the actor is one of its judges or clerks (T-A01…T-A05)."""
    if not is_court_staff(case, actor, roles):
        raise PermissionDenied(_("Only a judge or court clerk of this case's court can do this."))
    court = case.participant(Capacity.DECISION_ORGAN)
    assert court is not None
    return court


def is_entrusted_officer(investigation: CourtInvestigation, user: User) -> bool:
    """Whether the user is an officer of the institution the court entrusted (CCL Art 18)."""
    return (
        bool(user.role_codes & REPORTING_ROLES)
        and investigation.entrusted_to_id == user.organisation_id
    )


def served_refusal(proceeding: CourtProceeding) -> Requirement:
    """Art 18 ¶1, ¶3: once the execution documents are served the court no longer decides."""
    served_on = proceeding.execution_documents_served_on
    return Requirement(
        ART_18_SERVED,
        _(
            "The legal documents for executing the penalty were served on %(date)s: the court "
            "can no longer decide on temporary execution outside prison."
        )
        % {"date": served_on.isoformat() if served_on else ""},
    )


# T-A05 / T-A05x: the decision, before the execution documents are served.


def court_decision_missing(case: Case, proceeding: CourtProceeding) -> list[Requirement]:
    """What the law requires before the court decides (Art 18 ¶1, ¶3, ¶4)."""
    out = []
    if proceeding.execution_documents_served:
        out.append(served_refusal(proceeding))
    if not proceeding.consulted or case.state != CaseState.CONSULTATION:
        out.append(
            Requirement(
                ART_18_CONSULT,
                _("Seek the procuratorate's opinion before deciding."),
            )
        )
    investigation = getattr(case, "court_investigation", None)
    if investigation is not None and not investigation.reported:
        # T-A03: an opinion the court asked for is read before it decides (CCL Art 18).
        out.append(
            Requirement(
                "CCL Art 18",
                _(
                    "The court entrusted an investigation and evaluation: record the opinion "
                    "before deciding."
                ),
            )
        )
    return out
