"""The procurator's written opinion on a proposal (P2014 Art 13 ¶3; SPP-Rules Art 630),
declared once: the procuratorate supervising the institution, having received the case's
materials, sends its opinion, approved by the Chief Procurator, to the approving authority.
It meets the 10-day window D-09 and tells the approving authority to answer it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import APPROVING_ROLES, Role
from kernel.deadlines.services import deadline_meet
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement

from ..jurisdiction import Capacity
from ..models import Case, CaseState, ProcuratorateCopy, ProcuratorialOpinion
from ..reader.services import reader_all_viewed, reader_requires_all_viewed
from .declaration import Act, Firing, Params
from .registry import acts_register


def procurator_of(case: Case, actor: User) -> Organisation:
    """A procurator of a procuratorate supervising the case's institution (P2014 Art 13 ¶3;
    legal-spec E-30); returns that procuratorate."""
    procuratorate = next(
        (
            p.organisation
            for p in case.participants.all()
            if p.capacity == Capacity.PROCURATORATE and p.organisation_id == actor.organisation_id
        ),
        None,
    )
    if Role.PROCURATOR not in actor.role_codes or procuratorate is None:
        raise PermissionDenied(_("Only the procuratorate supervising this case gives an opinion."))
    return procuratorate


def _requires(case: Case, params: Params) -> list[Requirement]:
    unmet = []
    if (
        not case.procuratorate_copies.in_force()
        .filter(stage=ProcuratorateCopy.Stage.MATERIALS)
        .exists()
    ):
        unmet.append(
            Requirement(
                "P2014 Art 13 ¶3", _("The prison has not yet sent the materials of this case.")
            )
        )
    if params and not params.get("chief_approved"):
        unmet.append(
            Requirement(
                "SPP-Rules Art 630",
                _("A written procuratorial opinion needs the Chief Procurator's approval."),
            )
        )
    return unmet


def _actor_requires(case: Case, actor: User, params: Params) -> list[Requirement]:
    """When the procuratorate requires it (its reader setting), the procurator has opened
    every page of every document of the case before giving the opinion (issue 13)."""
    if not reader_requires_all_viewed(actor.organisation_id) or reader_all_viewed(actor, case):
        return []
    return [
        Requirement(
            "P2014 Art 13 ¶3",
            _(
                "Your procuratorate requires every document of the case to be read in the "
                "dossier reader before the opinion is sent; some pages are not opened yet."
            ),
        )
    ]


def _clean(case: Case, params: Params) -> None:
    if not str(params.get("content", "")).strip():
        raise ValidationError(_("Write the opinion."))


def _filed(firing: Firing) -> ProcuratorialOpinion:
    case, actor, params = firing.case, firing.actor, firing.params
    opinion = ProcuratorialOpinion.objects.create(
        case=case,
        procuratorate=firing.organisation,
        author=actor,
        issued_on=params["issued_on"],
        conforms=params["conforms"],
        content=params["content"],
        chief_approved=params["chief_approved"],
    )
    firing.payload.update(opinion_id=opinion.pk, conforms=opinion.conforms)
    deadline_meet(subject=case, code="D-09", event="procuratorial opinion filed", actor=actor)
    authority = case.participant(Capacity.DECISION_ORGAN)
    assert authority is not None, "registration makes the deciding organ a participant"
    notice_send_to_role(
        organisation_id=authority.pk,
        roles=list(APPROVING_ROLES),
        key=f"proc-opinion:{opinion.pk}",
        subject=_("Procuratorial opinion on %(case)s") % {"case": case.number},
        body=_("Answer the opinion before deciding."),
        link=case.get_absolute_url(),
        severity="warning",
    )
    return opinion


class ProcuratorialOpinionParams(serializers.Serializer[Any]):
    issued_on = serializers.DateField(help_text="The date the opinion was issued.")
    conforms = serializers.BooleanField(
        help_text="Whether the proposal meets the conditions and the procedure."
    )
    content = serializers.CharField(max_length=20000, help_text="The written opinion.")
    chief_approved = serializers.BooleanField(
        default=False, help_text="Approved by the Chief Procurator (SPP-Rules Art 630)."
    )


class ProcuratorialOpinionResult(serializers.ModelSerializer[ProcuratorialOpinion]):
    class Meta:
        model = ProcuratorialOpinion
        fields = ["id", "procuratorate", "issued_on", "conforms", "content", "chief_approved"]


PROCURATORIAL_OPINION_FILE = Act(
    name="procuratorial_opinion_file",
    label=gettext_lazy("Send a procuratorial opinion"),
    article="P2014 Art 13 ¶3",
    may=procurator_of,
    # A case not proposed has no proposal to give an opinion on.
    states=frozenset(CaseState.values) - {CaseState.NOT_PROPOSED},
    requires=_requires,
    actor_requires=_actor_requires,
    clean=_clean,
    effects=_filed,
    audit="case.procuratorial_opinion",
    params=ProcuratorialOpinionParams,
    result=ProcuratorialOpinionResult,
    example={
        "issued_on": "2026-04-10",
        "conforms": True,
        "content": "经审查，该罪犯符合保外就医条件，提请程序合法。",
        "chief_approved": True,
    },
)

acts_register([PROCURATORIAL_OPINION_FILE])
