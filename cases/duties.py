"""Separation of duties (legal-spec §3.6; P2014 Art 32; CL Art 401): the person who entered a
case's diagnosis, examination or identification does not decide on its proposal.

Who entered it is read from what the case file keeps of it: the audit trail of the records
(a certificate or an identification, saved or corrected) and the uploader of the scans of
those documents. The deciding acts ask `require_not_diagnosis_entrant` in their `may`, so
the page and the API neither offer nor take the decision for that person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import EvidenceKind

if TYPE_CHECKING:
    from kernel.accounts.models import User

    from .models import Case

#: The article the refusal names (its text is in the refusal's message).
SEPARATION_ARTICLE = "P2014 Art 32"

#: The audit actions that enter a diagnosis, examination or identification on a case.
DIAGNOSIS_ACTIONS = (
    "case.record.MedicalCertificate",
    "case.record.MedicalCertificate.corrected",
    "case.record.SelfCareIdentification",
    "case.record.SelfCareIdentification.corrected",
    "cases.hospital_scan",
)

#: The scans that are the diagnosis, examination or identification itself.
DIAGNOSIS_EVIDENCE = (EvidenceKind.DIAGNOSIS_CERTIFICATE, EvidenceKind.IDENTIFICATION_OPINION)


def diagnosis_entered_by(case: Case, user: User) -> bool:
    """Whether `user` entered (or corrected) the diagnosis or identification of `case`."""
    from kernel.audit.models import AuditEvent

    if user.pk is None:
        return False
    if case.evidence.filter(uploaded_by=user, kind__in=DIAGNOSIS_EVIDENCE).exists():
        return True
    return AuditEvent.objects.filter(
        object_type=case._meta.label,
        object_id=str(case.pk),
        actor_id=user.pk,
        action__in=DIAGNOSIS_ACTIONS,
    ).exists()


def require_not_diagnosis_entrant(case: Case, user: User) -> None:
    """Refuse (403) the person who entered the diagnosis, naming the rule."""
    if diagnosis_entered_by(case, user):
        raise PermissionDenied(
            _(
                "You entered the diagnosis or identification of this case: another person must "
                "decide on the proposal (separation of duties, P2014 Art 32)."
            )
        )
