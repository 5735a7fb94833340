"""Where the designated hospital signs, it attaches the signed scan itself (P2014 Art 9; issue
13).

A diagnosis or examination certificate (Art 9 ¶1) names the designated hospital that issued it,
and a self-care identification (Art 9 ¶2, Art 33) may name the hospital where the team was
formed. While the case file holds no scan of such a record (`evidence` empty), the liaison of
the hospital it names attaches the signed scan from the hospital's inbox
(`procuracy:review_hospital_requests`): the scan becomes the record's evidence and evidence of
the case, audited, and the prison is told. A scan already attached is refused (the record's
correction is the prison's, Arts 8-14); a record naming another hospital is not found.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import Role
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement

from ..jurisdiction import Capacity
from ..models import (
    Case,
    CaseState,
    Evidence,
    EvidenceKind,
    MedicalCertificate,
    SelfCareIdentification,
)
from ..services.workflow import evidence_store
from .declaration import Act, Firing, Params
from .records import EvidenceResult
from .registry import acts_register

ART_SIGNED = "P2014 Art 9"

#: The records a designated hospital signs, by their name in the case file's URLs, with the
#: kind of evidence their scan is.
SIGNED_RECORDS: dict[str, tuple[type[Model], str]] = {
    "certificate": (MedicalCertificate, EvidenceKind.DIAGNOSIS_CERTIFICATE),
    "identification": (SelfCareIdentification, EvidenceKind.IDENTIFICATION_OPINION),
}


def signed_record_of(case: Case, hospital_id: int | None, kind: str, pk: int) -> Any:
    """The record in force of `case` naming the hospital, or None."""
    if kind not in SIGNED_RECORDS or hospital_id is None:
        return None
    model = SIGNED_RECORDS[kind][0]
    return (
        model.objects.in_force()  # type: ignore[attr-defined]
        .filter(case=case, hospital_id=hospital_id, pk=pk)
        .first()
    )


def signing_hospital_of(case: Case, actor: User) -> Organisation:
    """The liaison's hospital, when a record in force of the case names it."""
    hospital = actor.organisation
    if Role.HOSPITAL_LIAISON in actor.role_codes and hospital is not None:
        for model, _kind in SIGNED_RECORDS.values():
            if (
                model.objects.in_force()  # type: ignore[attr-defined]
                .filter(case=case, hospital_id=hospital.pk)
                .exists()
            ):
                return hospital
    raise PermissionDenied(
        _("Only the hospital a certificate or identification names attaches its signed scan.")
    )


def _scan_requires(case: Case, actor: User, params: Params) -> list[Requirement]:
    record = signed_record_of(
        case,
        actor.organisation_id,
        str(params.get("signed_record", "")),
        int(params.get("record_id") or 0),
    )
    if record is not None and record.evidence_id is not None:
        return [
            Requirement(
                ART_SIGNED,
                _(
                    "The signed scan of this record is already in the case file; the prison "
                    "corrects the record if it is wrong."
                ),
            )
        ]
    return []


def _scan_attached(firing: Firing) -> Any:
    case, actor, p = firing.case, firing.actor, firing.params
    kind = str(p["signed_record"])
    record = signed_record_of(case, firing.organisation.pk, kind, int(p["record_id"]))
    if record is None:
        raise Http404
    record = type(record).objects.select_for_update().get(pk=record.pk)
    evidence: Evidence = evidence_store(
        case=case,
        actor=actor,
        kind=SIGNED_RECORDS[kind][1],
        upload=p["scan"],
        description=str(_("Signed scan attached by %(hospital)s"))
        % {"hospital": firing.organisation},
    )
    record.evidence = evidence
    record.save(update_fields=["evidence"])
    firing.payload.update(
        signed_record=kind, record_id=record.pk, evidence_id=evidence.pk, sha256=evidence.sha256
    )
    prison = case.participant(Capacity.INSTITUTION)
    if prison is not None:
        notice_send_to_role(
            organisation_id=prison.pk,
            roles=[Role.PRISON_CLERK],
            key=f"hospital-scan:{kind}:{record.pk}",
            subject=_("%(case)s: %(hospital)s attached the signed scan")
            % {"case": case.number, "hospital": firing.organisation},
            body=evidence.original_name,
            link=case.get_absolute_url(),
        )
    return evidence


class HospitalScanParams(serializers.Serializer[Any]):
    signed_record = serializers.ChoiceField(
        choices=sorted(SIGNED_RECORDS),
        help_text="What the hospital signed: a certificate or a self-care identification.",
    )
    record_id = serializers.IntegerField(help_text="The record naming the hospital.")
    scan = serializers.FileField(help_text="The signed scan: PDF, JPEG or PNG (by content).")


HOSPITAL_SCAN_ATTACH = Act(
    name="hospital_scan_attach",
    label=gettext_lazy("Attach the signed scan"),
    article=ART_SIGNED,
    may=signing_hospital_of,
    states=frozenset(CaseState.values),
    actor_requires=_scan_requires,
    effects=_scan_attached,
    audit="cases.hospital_scan",
    params=HospitalScanParams,
    result=EvidenceResult,
    example={"signed_record": "certificate", "record_id": 17},
)

acts_register([HOSPITAL_SCAN_ATTACH])
