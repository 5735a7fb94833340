"""The declared acts of this part of community correction, registered with the runner: the
officer records the mobile numbers of the person and the guarantor, issues or revokes their
personal reporting links, and accepts or rejects what they send (P2014 Arts 12, 21;
CCL Art 27)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.models import Case, CaseState, EvidenceKind
from cases.services.workflow import evidence_store
from kernel.refusals import Requirement

from ..acts import receiving_officer_of
from ..community_acts import _state_requires
from ..models import SUPERVISION_OPEN, ContactRole, Supervision, SupervisionContact
from .models import ReportingLink, SelfReport, SelfReportKind, SelfReportStatus
from .services import link_issue, links_revoke, public_language, sms_send

_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
_ARTICLE = "P2014 Art 12"
#: What the accept and reject acts answer to: the guarantor's reports (Art 12), the
#: re-examination results (Art 21), leave and moves (CCL Art 27).
_DECIDE_ARTICLE = "P2014 Art 12; P2014 Art 21; CCL Art 27"


def _open_requires(case: Case, params: Params) -> list[Requirement]:
    return _state_requires(case, SUPERVISION_OPEN, _ARTICLE)


def contact_active(case: Case, role: str) -> SupervisionContact | None:
    return SupervisionContact.objects.filter(supervision__case=case, role=role, active=True).first()


# The person's and the guarantor's mobile numbers (P2014 Art 12: the guarantor reports).


class ContactParams(serializers.Serializer[Any]):
    role = serializers.ChoiceField(
        choices=ContactRole.choices, help_text="The person under supervision or the guarantor."
    )
    name = serializers.CharField(max_length=60, help_text="The contact's name.")
    phone = serializers.RegexField(
        r"^1[3-9]\d{9}$", max_length=11, help_text="An 11-digit mainland mobile number."
    )


class ContactResult(serializers.ModelSerializer[SupervisionContact]):
    class Meta:
        model = SupervisionContact
        fields = ["id", "role", "name", "phone", "active", "created_at"]


def _contact_recorded(firing: Firing) -> SupervisionContact:
    params = firing.params
    record = Supervision.objects.get(case=firing.case)
    replaced = SupervisionContact.objects.filter(
        supervision=record, role=params["role"], active=True
    ).first()
    if replaced is not None:
        replaced.active = False
        replaced.save(update_fields=["active"])
        links_revoke(replaced)
    contact = SupervisionContact(
        supervision=record, role=params["role"], name=params["name"], phone=params["phone"]
    )
    contact.full_clean()
    contact.save()
    firing.payload.update(
        contact_id=contact.pk,
        role=contact.role,
        replaced_contact_id=replaced.pk if replaced else None,
    )
    return contact


SELFREPORT_CONTACT_RECORD = Act(
    name="selfreport_contact_record",
    label=gettext_lazy("Record a mobile number"),
    article=_ARTICLE,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_open_requires,
    effects=_contact_recorded,
    audit="supervision.selfreport_contact",
    params=ContactParams,
    result=ContactResult,
    example={
        "expected_state": "under_supervision",
        "role": "guarantor",
        "name": "张某某",
        "phone": "13800138000",
    },
)


# The personal reporting link, issued (or reissued) and revoked.


class LinkParams(serializers.Serializer[Any]):
    role = serializers.ChoiceField(
        choices=ContactRole.choices, help_text="Whose link: the person's or the guarantor's."
    )


class LinkResult(serializers.ModelSerializer[ReportingLink]):
    class Meta:
        model = ReportingLink
        fields = ["id", "contact", "issued_at", "expires_at", "revoked_at"]


def _link_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, params)
    if unmet or not params:
        return unmet
    if contact_active(case, str(params.get("role", ""))) is None:
        return [Requirement(_ARTICLE, _("Record the contact's mobile number first."))]
    return []


def _link_issued(firing: Firing) -> ReportingLink:
    contact = contact_active(firing.case, firing.params["role"])
    assert contact is not None  # required above
    link, _token = link_issue(contact=contact, actor=firing.actor)
    firing.payload.update(link_id=link.pk, contact_id=contact.pk)
    return link


def _link_revoked(firing: Firing) -> SupervisionContact:
    contact = contact_active(firing.case, firing.params["role"])
    assert contact is not None
    firing.payload.update(contact_id=contact.pk, revoked=links_revoke(contact))
    return contact


SELFREPORT_LINK_ISSUE = Act(
    name="selfreport_link_issue",
    label=gettext_lazy("Send a personal reporting link"),
    article=_ARTICLE,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_link_requires,
    effects=_link_issued,
    audit="supervision.selfreport_link_issue",
    params=LinkParams,
    result=LinkResult,
    example={"expected_state": "under_supervision", "role": "person"},
    description="Any earlier link of the contact is revoked; the new one goes only by SMS.",
)

SELFREPORT_LINK_REVOKE = Act(
    name="selfreport_link_revoke",
    label=gettext_lazy("Revoke the reporting link"),
    article=_ARTICLE,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_link_requires,
    effects=_link_revoked,
    audit="supervision.selfreport_link_revoke",
    params=LinkParams,
    result=ContactResult,
    example={"expected_state": "under_supervision", "role": "guarantor"},
)


# The officer accepts or rejects what the person or the guarantor sent.


class AcceptParams(serializers.Serializer[Any]):
    report = serializers.IntegerField(
        min_value=1, max_value=2**62, help_text="The self-report (a draft)."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500, help_text="A note."
    )


class RejectParams(serializers.Serializer[Any]):
    report = serializers.IntegerField(
        min_value=1, max_value=2**62, help_text="The self-report (a draft)."
    )
    reason = serializers.CharField(max_length=500, help_text="Why it is rejected (told them).")


class SelfReportResult(serializers.ModelSerializer[SelfReport]):
    class Meta:
        model = SelfReport
        fields = [
            "id",
            "kind",
            "content",
            "hospital",
            "submitted_at",
            "status",
            "decided_at",
            "decision_reason",
            "evidence",
        ]


def _draft_of(case: Case, report_id: Any) -> SelfReport | None:
    return (
        SelfReport.objects.select_related("contact")
        .filter(supervision__case=case, pk=report_id, status=SelfReportStatus.DRAFT)
        .first()
    )


def _decide_clean(case: Case, params: Params) -> None:
    if _draft_of(case, params["report"]) is None:
        raise ValidationError(
            {"report": _("No report awaiting a decision was found for this person.")}
        )


def _outcome_sms(report: SelfReport) -> None:
    with public_language():
        text = _("Community correction: your report “%(kind)s” of %(date)s was %(status)s.") % {
            "kind": report.get_kind_display(),
            "date": timezone.localtime(report.submitted_at).date(),
            "status": report.get_status_display(),
        }
    if report.decision_reason:
        text += " " + report.decision_reason
    sms_send(phone=report.contact.phone, text=text, key=f"selfreport-outcome:{report.pk}")


def _accepted(firing: Firing) -> SelfReport:
    report = _draft_of(firing.case, firing.params["report"])
    assert report is not None  # cleaned above
    report.status = SelfReportStatus.ACCEPTED
    report.decided_by = firing.actor
    report.decided_at = timezone.now()
    report.decision_reason = str(firing.params.get("note", "")).strip()
    report.save()
    filed = []
    if report.kind == SelfReportKind.REEXAMINATION:
        # The hospital's result joins the case file, at hand for the three-monthly review.
        for attachment in report.attachments.all():
            with attachment.file.open("rb") as handle:
                upload = File(handle, name=attachment.original_name)
                evidence = evidence_store(
                    case=firing.case,
                    actor=firing.actor,
                    kind=EvidenceKind.DIAGNOSIS_CERTIFICATE,
                    upload=upload,  # type: ignore[arg-type]
                    description=_("Re-examination result sent by %(who)s on %(date)s")
                    % {
                        "who": report.contact.name,
                        "date": timezone.localtime(report.submitted_at).date(),
                    },
                )
            filed.append(evidence)
        report.evidence.add(*filed)
    firing.payload.update(self_report_id=report.pk, evidence_ids=[e.pk for e in filed])
    _outcome_sms(report)
    return report


def _rejected(firing: Firing) -> SelfReport:
    report = _draft_of(firing.case, firing.params["report"])
    assert report is not None
    report.status = SelfReportStatus.REJECTED
    report.decided_by = firing.actor
    report.decided_at = timezone.now()
    report.decision_reason = str(firing.params["reason"]).strip()
    report.save()
    firing.payload.update(self_report_id=report.pk)
    _outcome_sms(report)
    return report


SELFREPORT_ACCEPT = Act(
    name="selfreport_accept",
    label=gettext_lazy("Accept the report"),
    article=_DECIDE_ARTICLE,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_open_requires,
    clean=_decide_clean,
    effects=_accepted,
    audit="supervision.selfreport_accept",
    params=AcceptParams,
    result=SelfReportResult,
    example={"expected_state": "under_supervision", "report": 7, "note": ""},
    description="A re-examination result's files are filed as evidence of the case.",
)

SELFREPORT_REJECT = Act(
    name="selfreport_reject",
    label=gettext_lazy("Reject the report"),
    article=_DECIDE_ARTICLE,
    may=receiving_officer_of,
    states=_UNDER,
    requires=_open_requires,
    clean=_decide_clean,
    effects=_rejected,
    reason_param="reason",
    audit="supervision.selfreport_reject",
    params=RejectParams,
    result=SelfReportResult,
    example={
        "expected_state": "under_supervision",
        "report": 7,
        "reason": "复查结果不完整，请补充医院盖章页",
    },
)

SELFREPORT_ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        SELFREPORT_CONTACT_RECORD,
        SELFREPORT_LINK_ISSUE,
        SELFREPORT_LINK_REVOKE,
        SELFREPORT_ACCEPT,
        SELFREPORT_REJECT,
    )
}
acts_register(SELFREPORT_ACTS.values())
from . import sections as _sections  # noqa: E402, F401  (registers the section)
