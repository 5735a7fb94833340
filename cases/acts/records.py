"""The records of the case file, one act per kind of record (legal-spec §3.1-3.2, §5; P2014
Arts 8-14), and the acts that correct or withdraw a record entered in error (issue 10 item 4).

Recording is an act without a transition: it is taken while the case is at the step the record
belongs to (`RECORD_STATES`). The institution's clerk records; on the court path the court
keeps its own application, certificates, identifications and recusals (P2014 Art 17), so
those four kinds take `require_assessor_of`. The audit action stays `case.record.<Model>`.

The web form validates the record on the page and hands the unsaved instance over as
`record`; the API sends the record's fields (the `params` serializer) and the act builds it.
Either way the effects check the organisations named (`cases.choices`), validate the model and
save it; a copy to the procuratorate also tells the procuratorate, which acknowledges it
(`procuracy.receipt`), and opens the sender's soft clock D-09a until it does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kernel.accounts.models import User
from kernel.accounts.roles import Role
from kernel.deadlines.services import deadline_open
from kernel.notices.services import notice_send_to_role

from ..choices import record_choices_check
from ..eligibility import DailyActivity
from ..models import (
    Case,
    CaseState,
    Deliberation,
    Evidence,
    EvidenceKind,
    Guarantor,
    InvestigationEntrustment,
    MedicalCertificate,
    Objection,
    ProcuratorateCopy,
    Publicity,
    RecusalDeclaration,
    ResidenceVerification,
    SelfCareIdentification,
    WrittenApplication,
)
from ..models.workflow import CASE_FILE_RECORDS, CaseRecord
from ..selectors import evidence_duplicates
from ..services.corrections import (
    RecordNoLongerInForce,
    correction_closed,
    record_model,
    record_withdrawn,
)
from ..services.workflow import (
    RECORD_STATES,
    evidence_keep,
    record_unchanged_check,
    require_assessor_of,
    require_clerk_of,
)
from .declaration import Act, Firing, Params
from .investigation import entrustment_recorded, entrustment_withdrawn
from .registry import acts_register

# The records' API bodies: the fields the web form asks for, nothing the system fills in.


class WrittenApplicationParams(serializers.ModelSerializer[WrittenApplication]):
    class Meta:
        model = WrittenApplication
        fields = ["id", *WrittenApplication.ENTERED_FIELDS]
        read_only_fields = ["id"]


class ProcuratorateCopyParams(serializers.ModelSerializer[ProcuratorateCopy]):
    class Meta:
        model = ProcuratorateCopy
        fields = ["id", *ProcuratorateCopy.ENTERED_FIELDS]
        read_only_fields = ["id"]


class MedicalCertificateParams(serializers.ModelSerializer[MedicalCertificate]):
    class Meta:
        model = MedicalCertificate
        fields = ["id", *MedicalCertificate.ENTERED_FIELDS]
        read_only_fields = ["id"]


class SelfCareIdentificationParams(serializers.ModelSerializer[SelfCareIdentification]):
    activities_needing_help = serializers.ListField(
        child=serializers.ChoiceField(choices=[a.value for a in DailyActivity]),
        required=False,
        default=list,
        help_text="The daily activities the person cannot do alone (P2014 Art 33).",
    )

    class Meta:
        model = SelfCareIdentification
        fields = ["id", *SelfCareIdentification.ENTERED_FIELDS]
        read_only_fields = ["id"]


class RecusalDeclarationParams(serializers.ModelSerializer[RecusalDeclaration]):
    class Meta:
        model = RecusalDeclaration
        fields = ["id", *RecusalDeclaration.ENTERED_FIELDS]
        read_only_fields = ["id"]


class GuarantorParams(serializers.ModelSerializer[Guarantor]):
    class Meta:
        model = Guarantor
        fields = ["id", *Guarantor.ENTERED_FIELDS]
        read_only_fields = ["id"]


class ResidenceVerificationParams(serializers.ModelSerializer[ResidenceVerification]):
    class Meta:
        model = ResidenceVerification
        fields = ["id", *ResidenceVerification.ENTERED_FIELDS]
        read_only_fields = ["id"]


class InvestigationEntrustmentParams(serializers.ModelSerializer[InvestigationEntrustment]):
    class Meta:
        model = InvestigationEntrustment
        fields = ["id", *InvestigationEntrustment.ENTERED_FIELDS]
        read_only_fields = ["id"]


class DeliberationParams(serializers.ModelSerializer[Deliberation]):
    class Meta:
        model = Deliberation
        fields = ["id", *Deliberation.ENTERED_FIELDS]
        read_only_fields = ["id"]


class PublicityParams(serializers.ModelSerializer[Publicity]):
    class Meta:
        model = Publicity
        fields = ["id", *Publicity.ENTERED_FIELDS]
        read_only_fields = ["id"]


class ObjectionParams(serializers.ModelSerializer[Objection]):
    class Meta:
        model = Objection
        fields = ["id", *Objection.ENTERED_FIELDS]
        read_only_fields = ["id"]


def _record_from(firing: Firing, model: type[CaseRecord]) -> CaseRecord:
    """The record to save: the form's instance (`record`), or one built from the API body."""
    record = firing.params.get("record")
    if record is None:
        fields = {k: v for k, v in firing.params.items() if k not in ("record", "seen")}
        record = model(**fields)
    if not isinstance(record, model):
        raise ValidationError(_("This record belongs to another kind of record."))
    return record


def _record_saver(model: type[CaseRecord]) -> Any:
    def effects(firing: Firing) -> CaseRecord:
        case, actor = firing.case, firing.actor
        record = _record_from(firing, model)
        if record.pk is not None and getattr(record, "case_id", None) != case.pk:
            raise ValidationError(_("This record belongs to another case."))
        created = record.pk is None
        if isinstance(record, ProcuratorateCopy) and created:
            record.received_on = None  # the procuratorate's acknowledgement writes it
        # Under the case lock: a single record someone else saved since the page showed it
        # is not overwritten (409).
        record_unchanged_check(case, record, firing.params.get("seen"))
        record.case = case  # type: ignore[attr-defined]
        record_choices_check(case, record)
        record.full_clean()
        record.save()
        firing.payload.update(record_id=record.pk, created=created)
        if isinstance(record, ProcuratorateCopy) and created:
            _copy_recorded(case, record, actor)
        if isinstance(record, InvestigationEntrustment):
            entrustment_recorded(case, record, actor)
        return record

    return effects


def _copy_recorded(case: Case, copy: ProcuratorateCopy, actor: User) -> None:
    """The copy is sent: the procuratorate acknowledges it itself (签收, in its inbox), and
    its clocks run from that acknowledgement (D-09 for the proposal, SPP-Rules Art 630). Until
    then the sender's soft clock D-09a runs: a copy not acknowledged within a few working days
    alerts the sender."""
    sent = dt.datetime.combine(copy.sent_on, dt.time(9), tzinfo=timezone.get_current_timezone())
    if actor.organisation is not None:
        deadline_open(
            code="D-09a",
            subject=copy,
            trigger_at=sent,
            responsible_organisation=actor.organisation,
            actor=actor,
        )
    notice_send_to_role(
        organisation_id=copy.procuratorate_id,
        roles=[Role.PROCURATOR],
        key=f"case-copy:{case.pk}:{copy.stage}",
        subject=_("Copy to acknowledge: %(case)s — %(stage)s")
        % {"case": case.number, "stage": copy.get_stage_display()},
        link=case.get_absolute_url(),
    )


def _record_act(
    name: str,
    model: type[CaseRecord],
    label: Any,
    article: str,
    params: type[serializers.Serializer[Any]],
    example: dict[str, Any],
    *,
    may: Any = require_clerk_of,
) -> Act:
    return Act(
        name=name,
        label=label,
        article=article,
        may=may,
        states=RECORD_STATES[model.__name__],
        effects=_record_saver(model),
        audit=f"case.record.{model.__name__}",
        params=params,
        result=params,
        example=example,
    )


RECORD_WRITTEN_APPLICATION = _record_act(
    "record_written_application",
    WrittenApplication,
    gettext_lazy("Record the written application"),
    "P2014 Art 8 ¶1",
    WrittenApplicationParams,
    {
        "expected_state": "initiated",
        "applicant_name": "张秀英",
        "relationship": "relative",
        "applied_on": "2026-03-02",
        "summary": "罪犯患肝癌晚期，申请保外就医。",
    },
    may=require_assessor_of,
)
RECORD_PROCURATORATE_COPY = _record_act(
    "record_procuratorate_copy",
    ProcuratorateCopy,
    gettext_lazy("Record a copy or notice to the procuratorate"),
    "P2014 Arts 8 ¶3, 13 ¶3",
    ProcuratorateCopyParams,
    {
        "expected_state": "assessment",
        "stage": "assessment",
        "procuratorate": 12,
        "sent_on": "2026-03-05",
    },
)
RECORD_MEDICAL_CERTIFICATE = _record_act(
    "record_medical_certificate",
    MedicalCertificate,
    gettext_lazy("Record the diagnosis or examination certificate"),
    "P2014 Art 9",
    MedicalCertificateParams,
    {
        "expected_state": "assessment",
        "kind": "diagnosis",
        "hospital": 21,
        "issued_on": "2026-03-10",
        "catalogue_item": 3,
        "doctor_1": "李明",
        "doctor_1_title": "chief",
        "doctor_1_licence": "110330000012345",
        "doctor_2": "王芳",
        "doctor_2_title": "deputy_chief",
        "vice_president_signed": True,
        "sealed": True,
        "records_attached": True,
        "short_term_life_danger": False,
        "must_release_immediately": False,
    },
    may=require_assessor_of,
)
RECORD_SELF_CARE_IDENTIFICATION = _record_act(
    "record_self_care_identification",
    SelfCareIdentification,
    gettext_lazy("Record the self-care identification opinion"),
    "P2014 Arts 9, 33",
    SelfCareIdentificationParams,
    {
        "expected_state": "assessment",
        "identified_on": "2026-03-12",
        "members": "李明\n王芳\n赵强",
        "medical_members": 2,
        "signed_by_all": True,
        "signed_by_head": True,
        "activities_needing_help": ["eating", "moving"],
        "cause": "illness",
        "hospital": 21,
        "observation_start": "2025-09-01",
    },
    may=require_assessor_of,
)
RECORD_RECUSAL_DECLARATION = _record_act(
    "record_recusal_declaration",
    RecusalDeclaration,
    gettext_lazy("Record a recusal declaration"),
    "P2014 Art 9 ¶3",
    RecusalDeclarationParams,
    {
        "expected_state": "assessment",
        "person_name": "李明",
        "capacity": "诊断医师",
        "declared_on": "2026-03-10",
        "no_conflict": True,
    },
    may=require_assessor_of,
)
RECORD_GUARANTOR = _record_act(
    "record_guarantor",
    Guarantor,
    gettext_lazy("Record the guarantor and its examination"),
    "P2014 Arts 10-11",
    GuarantorParams,
    {
        "expected_state": "preparation",
        "name": "张秀英",
        "id_number": "330106196504120026",
        "relationship": "配偶",
        "proposed_by": "offender",
        "full_capacity_and_willing": True,
        "capacity_evidence": "居民身份证、本人书面保证意愿",
        "freedom_not_restricted": True,
        "freedom_evidence": "西湖区公安分局北山派出所出具的证明",
        "fixed_residence_and_income": True,
        "residence_and_income_evidence": "房屋产权证、单位工资证明",
        "residence_address": "杭州市西湖区文三路100号",
        "residence_region_code": "330106",
        "lives_with_prisoner": True,
        "residence_evidence": "户口簿",
        "examined_on": "2026-03-20",
        "confirmed": True,
        "letter_filed_on": "2026-03-21",
    },
)
RECORD_RESIDENCE_VERIFICATION = _record_act(
    "record_residence_verification",
    ResidenceVerification,
    gettext_lazy("Record the residence verification"),
    "P2014 Art 8 ¶2",
    ResidenceVerificationParams,
    {
        "expected_state": "preparation",
        "address": "杭州市西湖区文三路100号",
        "region_code": "330106",
        "verified_on": "2026-03-18",
        "method": "委托西湖区司法局核实",
    },
)
RECORD_INVESTIGATION_ENTRUSTMENT = _record_act(
    "record_investigation_entrustment",
    InvestigationEntrustment,
    gettext_lazy("Record the entrusted investigation and evaluation"),
    "P2014 Arts 8 ¶2, 13",
    InvestigationEntrustmentParams,
    {
        "expected_state": "preparation",
        "entrusted_to": 31,
        "entrusted_on": "2026-03-15",
        "opinion_received_on": "2026-03-25",
        "opinion": "居住地具备监管条件，建议同意。",
    },
)
RECORD_DELIBERATION = _record_act(
    "record_deliberation",
    Deliberation,
    gettext_lazy("Record the deliberation of the review committee"),
    "P2014 Art 13 ¶1",
    DeliberationParams,
    {
        "expected_state": "ready_for_deliberation",
        "held_on": "2026-04-01",
        "members_present": 9,
        "chaired_by": "王建国",
        "propose": True,
        "reasons": "符合保外就医条件，程序合法。",
        "discretion_reasoning": "",
    },
)
RECORD_PUBLICITY = _record_act(
    "record_publicity",
    Publicity,
    gettext_lazy("Record the publicity in the institution"),
    "P2014 Art 13 ¶1",
    PublicityParams,
    {
        "expected_state": "deliberated",
        "starts_on": "2026-04-02",
        "ends_on": "2026-04-08",
        "place": "监区公告栏",
    },
)
RECORD_OBJECTION = _record_act(
    "record_objection",
    Objection,
    gettext_lazy("Record an objection received"),
    "P2014 Art 13 ¶2",
    ObjectionParams,
    {
        "expected_state": "publicity",
        "received_on": "2026-04-05",
        "objector": "罪犯刘某",
        "content": "认为该犯病情不符合保外就医条件。",
    },
)

#: One act per kind of record, by the record's model.
RECORD_ACTS: dict[type[models.Model], Act] = {
    WrittenApplication: RECORD_WRITTEN_APPLICATION,
    ProcuratorateCopy: RECORD_PROCURATORATE_COPY,
    MedicalCertificate: RECORD_MEDICAL_CERTIFICATE,
    SelfCareIdentification: RECORD_SELF_CARE_IDENTIFICATION,
    RecusalDeclaration: RECORD_RECUSAL_DECLARATION,
    Guarantor: RECORD_GUARANTOR,
    ResidenceVerification: RECORD_RESIDENCE_VERIFICATION,
    InvestigationEntrustment: RECORD_INVESTIGATION_ENTRUSTMENT,
    Deliberation: RECORD_DELIBERATION,
    Publicity: RECORD_PUBLICITY,
    Objection: RECORD_OBJECTION,
}
assert {m.__name__ for m in RECORD_ACTS} == set(RECORD_STATES), "an act per kind of record"

#: The record serializers by the kind's URL name (`CASE_FILE_RECORDS`).
RECORD_PARAMS: dict[str, type[serializers.Serializer[Any]]] = {
    kind: RECORD_ACTS[model].params  # type: ignore[misc]
    for kind, model in CASE_FILE_RECORDS.items()
}


def record_act_of(model: type[models.Model]) -> Act:
    """The act that records a `model` record."""
    act = RECORD_ACTS.get(model)
    if act is None:
        raise ValidationError(_("This is not a record of the case file."))
    return act


# Correcting and withdrawing a record entered in error (issue 10 item 4).

#: The kinds of record by their URL name; with `CERTIFICATE_KINDS` named once for the API
#: schema (`SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]`), where several fields are `kind`.
RECORD_KINDS = sorted(CASE_FILE_RECORDS)
CERTIFICATE_KINDS = MedicalCertificate.Kind


class RecordWithdrawParams(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(
        choices=RECORD_KINDS,
        help_text="The kind of record (its name in the case file's URLs, e.g. `certificate`).",
    )
    record_id = serializers.IntegerField(help_text="The record in force to withdraw.")
    reason = serializers.CharField(
        max_length=1000, help_text="Why the record was entered in error (kept in the history)."
    )


class RecordCorrectParams(RecordWithdrawParams):
    record_id = serializers.IntegerField(help_text="The record in force to correct.")
    # A declared field is taken off the class by DRF's metaclass: `.data` is still the output.
    data = serializers.DictField(  # type: ignore[assignment]
        help_text="The corrected record: the fields of the kind's record act (its body)."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        body = RECORD_PARAMS[attrs["kind"]](data=attrs["data"])
        if not body.is_valid():
            raise serializers.ValidationError({"data": body.errors})
        attrs["data"] = dict(body.validated_data)
        return attrs


def _correction_requires(case: Case, params: Params) -> list[Any]:
    """The record must be this case's and in force (else 404 or a stale page), and its step
    still open (else the refusal names what could reopen it)."""
    kind = params.get("kind")
    if not kind:
        return []
    model = record_model(str(kind))
    if "record_id" in params:
        found = model.objects.filter(case=case, pk=params["record_id"])  # type: ignore[misc]
        record = found.first()
        if record is None:
            raise model.DoesNotExist(params["record_id"])
        if not record.in_force:
            raise RecordNoLongerInForce(record)
    refusal = correction_closed(case, model)
    return [refusal] if refusal is not None else []


def _correction_clean(case: Case, params: Params) -> None:
    if not str(params.get("reason", "")).strip():
        raise ValidationError(_("Give the reason for correcting or withdrawing this record."))


def _record_in_force(firing: Firing) -> CaseRecord:
    model = record_model(str(firing.params["kind"]))
    record = (
        model.objects.select_for_update()
        .filter(case=firing.case, pk=firing.params["record_id"])
        .first()
    )
    if record is None:
        raise model.DoesNotExist(firing.params["record_id"])
    if not record.in_force:
        raise RecordNoLongerInForce(record)
    return record


def _withdrawn(firing: Firing) -> CaseRecord:
    record = _record_in_force(firing)
    reason = str(firing.params["reason"]).strip()
    record_withdrawn(record, reason=reason, actor=firing.actor)
    if isinstance(record, InvestigationEntrustment):
        entrustment_withdrawn(firing.case, firing.actor)
    firing.action = f"case.record.{type(record).__name__}.withdrawn"
    firing.reason = reason
    firing.payload.update(kind=firing.params["kind"], from_record_id=record.pk, to_record_id=None)
    return record


def _corrected(firing: Firing) -> CaseRecord:
    record = _record_in_force(firing)
    case, reason = firing.case, str(firing.params["reason"]).strip()
    # Out of force first: the records a case has one of are unique among those in force.
    record_withdrawn(record, reason=reason, actor=firing.actor)
    corrected = type(record)(**firing.params["data"])
    corrected.case = case  # type: ignore[attr-defined]
    record_choices_check(case, corrected)
    corrected.full_clean()
    corrected.save()
    record.superseded_by = corrected
    record.save(update_fields=["superseded_by"])
    if isinstance(corrected, InvestigationEntrustment):
        entrustment_recorded(case, corrected, firing.actor)
    firing.action = f"case.record.{type(record).__name__}.corrected"
    firing.reason = reason
    firing.payload.update(
        kind=firing.params["kind"], from_record_id=record.pk, to_record_id=corrected.pk
    )
    return corrected


#: Every state: whether the record's own step is still open is `correction_closed`'s answer.
_ANY_STATE = frozenset(CaseState.values)

RECORD_CORRECT = Act(
    name="record_correct",
    label=gettext_lazy("Correct a record entered in error"),
    article="P2014 Arts 8-14",
    may=require_clerk_of,
    states=_ANY_STATE,
    requires=_correction_requires,
    clean=_correction_clean,
    effects=_corrected,
    reason_param="reason",
    params=RecordCorrectParams,
    example={
        "expected_state": "assessment",
        "kind": "recusal",
        "record_id": 41,
        "reason": "医师姓名录入错误。",
        "data": {
            "person_name": "李敏",
            "capacity": "诊断医师",
            "declared_on": "2026-03-10",
            "no_conflict": True,
        },
    },
)
RECORD_WITHDRAW = Act(
    name="record_withdraw",
    label=gettext_lazy("Withdraw a record entered in error"),
    article="P2014 Arts 8-14",
    may=require_clerk_of,
    states=_ANY_STATE,
    requires=_correction_requires,
    clean=_correction_clean,
    effects=_withdrawn,
    reason_param="reason",
    params=RecordWithdrawParams,
    example={
        "expected_state": "assessment",
        "kind": "certificate",
        "record_id": 17,
        "reason": "误录了另一名罪犯的诊断证明。",
    },
)


# Evidence: a scan added to the case file.


class EvidenceUploadParams(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=EvidenceKind.choices, help_text="What the file is.")
    upload = serializers.FileField(help_text="The scan: PDF, JPEG or PNG (checked by content).")
    description = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="A short note."
    )


class EvidenceDuplicate(serializers.ModelSerializer[Evidence]):
    class Meta:
        model = Evidence
        fields = ["id", "kind", "original_name", "uploaded_at"]


class EvidenceResult(serializers.ModelSerializer[Evidence]):
    duplicates = serializers.SerializerMethodField(
        help_text="The files of this case with the same content attached before (a warning: "
        "the same scan under another kind is usually a slip)."
    )

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "description",
            "uploaded_at",
            "duplicates",
        ]

    @extend_schema_field(EvidenceDuplicate(many=True))
    def get_duplicates(self, evidence: Evidence) -> Any:
        return EvidenceDuplicate(evidence_duplicates(evidence), many=True).data


def _evidence_kept(firing: Firing) -> Evidence:
    evidence = evidence_keep(
        case=firing.case,
        actor=firing.actor,
        kind=str(firing.params["kind"]),
        upload=firing.params["upload"],
        description=str(firing.params.get("description", "")),
    )
    firing.payload.update(evidence_id=evidence.pk, sha256=evidence.sha256, kind=evidence.kind)
    duplicates = list(evidence_duplicates(evidence).values_list("pk", flat=True))
    if duplicates:
        firing.payload.update(duplicate_of=duplicates)
    return evidence


EVIDENCE_UPLOAD = Act(
    name="evidence_upload",
    label=gettext_lazy("Attach a file to the case file"),
    article="P2014 Arts 8-14",
    may=require_clerk_of,
    states=_ANY_STATE,
    effects=_evidence_kept,
    audit="evidence.uploaded",
    params=EvidenceUploadParams,
    result=EvidenceResult,
    example={"kind": "diagnosis_certificate", "description": "浙江省人民医院诊断证明书"},
)

acts_register([*RECORD_ACTS.values(), RECORD_CORRECT, RECORD_WITHDRAW, EVIDENCE_UPLOAD])
