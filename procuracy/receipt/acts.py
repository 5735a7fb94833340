"""Receipt is the procuratorate's act (issue 13): a copy the prison sends the procuratorate is
acknowledged (签收) by a procurator of the procuratorate it is addressed to, and the clocks
that run from receipt start then: the 10 days of the opinion on the proposal (D-09,
SPP-Rules Art 630) from the acknowledgement of the proposal stage's copy. The acknowledgement
meets the sender's soft clock D-09a.

The TEOP decision delivered to the procuratorate is acknowledged with the delivery's own act,
`delivery_receipt_record` (approvals), which starts D-10 (P2014 Art 30): one clock, whether the
procuratorate signs for it in its inbox or the deciding organ records its proof of service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing
from cases.acts.registry import acts_register
from cases.jurisdiction import Capacity
from cases.models import Case, CaseState, ProcuratorateCopy
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import Role
from kernel.deadlines.services import deadline_meet, deadline_open

from .copykinds import KIND_CHOICES, CopyKind
from .copykinds import KINDS as COPY_KINDS
from .models import CopyAcknowledgement, RecordAcknowledgement

#: The capacities in which a procuratorate is addressed on a case.
PROCURATORATE_CAPACITIES = frozenset({Capacity.PROCURATORATE, Capacity.DECISION_PROCURATORATE})


def procuratorate_addressed(case: Case, actor: User) -> Organisation:
    """A procurator of a procuratorate taking part in the case: the copies addressed to it are
    its own to acknowledge; returns that procuratorate."""
    procuratorate = next(
        (
            p.organisation
            for p in case.participants.all()
            if p.capacity in PROCURATORATE_CAPACITIES and p.organisation_id == actor.organisation_id
        ),
        None,
    )
    if Role.PROCURATOR not in actor.role_codes or procuratorate is None:
        raise PermissionDenied(
            _("Only a procurator of the procuratorate the copy is addressed to acknowledges it.")
        )
    return procuratorate


def _copy_of(case: Case, copy_id: Any) -> ProcuratorateCopy:
    copy = (
        ProcuratorateCopy.objects.in_force()
        .select_related("procuratorate")
        .filter(pk=int(copy_id or 0), case=case)
        .first()
    )
    if copy is None:
        raise Http404
    assert isinstance(copy, ProcuratorateCopy)
    return copy


def _acknowledged(firing: Firing) -> CopyAcknowledgement:
    case, actor = firing.case, firing.actor
    copy = _copy_of(case, firing.params.get("copy_id"))
    if copy.procuratorate_id != firing.organisation.pk:
        raise PermissionDenied(
            _("Only a procurator of the procuratorate the copy is addressed to acknowledges it.")
        )
    if CopyAcknowledgement.objects.filter(copy=copy).exists():
        raise ValidationError(_("This copy has already been acknowledged."))
    today = timezone.localdate()
    received_on: dt.date = firing.params.get("received_on") or today
    if received_on < copy.sent_on:
        raise ValidationError(_("A copy cannot be received before it was sent."))
    if received_on > today:
        raise ValidationError(_("A copy cannot be acknowledged as received in the future."))
    now = timezone.now()
    acknowledgement = CopyAcknowledgement.objects.create(
        copy=copy,
        procuratorate=firing.organisation,
        received_on=received_on,
        acknowledged_by=actor,
        acknowledged_at=now,
    )
    copy.received_on = received_on
    copy.save(update_fields=["received_on"])
    received = dt.datetime.combine(received_on, dt.time(9), tzinfo=timezone.get_current_timezone())
    deadline_meet(
        subject=copy, code="D-09a", event=f"acknowledged by {firing.organisation}", actor=actor
    )
    if copy.stage == ProcuratorateCopy.Stage.PROPOSAL:
        # SPP-Rules Art 630: ten days from the procuratorate's receipt of the written opinion.
        deadline_open(
            code="D-09",
            subject=case,
            trigger_at=received,
            responsible_organisation=firing.organisation,
            actor=actor,
        )
    firing.payload.update(copy_id=copy.pk, stage=copy.stage, received_on=received_on.isoformat())
    return acknowledgement


class CopyAcknowledgeParams(serializers.Serializer[Any]):
    copy_id = serializers.IntegerField(help_text="A copy of this case sent to your procuratorate.")
    received_on = serializers.DateField(
        required=False, help_text="When the procuratorate received it (default: today)."
    )


class CopyAcknowledgementResult(serializers.ModelSerializer[CopyAcknowledgement]):
    class Meta:
        model = CopyAcknowledgement
        fields = [
            "id",
            "copy",
            "procuratorate",
            "received_on",
            "acknowledged_by",
            "acknowledged_at",
        ]


PROCURATORATE_COPY_ACKNOWLEDGE = Act(
    name="procuratorate_copy_acknowledge",
    label=gettext_lazy("Acknowledge the copy"),
    article="P2014 Arts 8 ¶3, 13 ¶3",
    may=procuratorate_addressed,
    states=frozenset(CaseState.values),
    effects=_acknowledged,
    audit="procuracy.copy_acknowledged",
    params=CopyAcknowledgeParams,
    result=CopyAcknowledgementResult,
    example={"expected_state": "proposed", "copy_id": 41, "received_on": "2026-03-18"},
)


def _record_of(case: Case, kind: CopyKind, record_id: Any) -> Any:
    record = kind.records().filter(pk=int(record_id or 0), **{kind.case_path: case}).first()
    if record is None:
        raise Http404
    return record


def _record_acknowledged(firing: Firing) -> RecordAcknowledgement:
    """A record supervision copied to the procuratorate, acknowledged by a procurator of a
    procuratorate it is addressed to; D-09a is met once every procuratorate addressed has."""
    case, actor, params = firing.case, firing.actor, firing.params
    kind = COPY_KINDS[str(params.get("kind"))]
    record = _record_of(case, kind, params.get("record_id"))
    addressees = kind.addressees(record)
    procuratorate = firing.organisation
    if procuratorate.pk not in addressees:
        raise PermissionDenied(
            _("Only a procurator of the procuratorate the copy is addressed to acknowledges it.")
        )
    target_type = kind.content_type()
    done = RecordAcknowledgement.objects.filter(target_type=target_type, target_id=record.pk)
    if done.filter(procuratorate=procuratorate).exists() or (
        kind.received_field is not None and getattr(record, kind.received_field) is not None
    ):
        raise ValidationError(_("This copy has already been acknowledged."))
    today = timezone.localdate()
    received_on: dt.date = params.get("received_on") or today
    sent_on = kind.sent_on(record)
    if sent_on is not None and received_on < sent_on:
        raise ValidationError(_("A copy cannot be received before it was sent."))
    if received_on > today:
        raise ValidationError(_("A copy cannot be acknowledged as received in the future."))
    now = timezone.now()
    acknowledgement = RecordAcknowledgement.objects.create(
        kind=kind.key,
        target_type=target_type,
        target_id=record.pk,
        procuratorate=procuratorate,
        received_on=received_on,
        acknowledged_by=actor,
        acknowledged_at=now,
    )
    if kind.received_field is not None:
        received_at = (
            now
            if received_on == today
            else dt.datetime.combine(
                received_on, dt.time(9), tzinfo=timezone.get_current_timezone()
            )
        )
        setattr(record, kind.received_field, received_at)
        record.save(update_fields=[kind.received_field])
    acknowledged = set(done.values_list("procuratorate_id", flat=True))
    if addressees <= acknowledged:
        deadline_meet(
            subject=record, code="D-09a", event=f"acknowledged by {procuratorate}", actor=actor
        )
    firing.payload.update(kind=kind.key, record_id=record.pk, received_on=received_on.isoformat())
    return acknowledgement


class RecordAcknowledgeParams(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(
        choices=KIND_CHOICES, help_text="What supervision copied to your procuratorate."
    )
    record_id = serializers.IntegerField(help_text="The record of that kind, of this case.")
    received_on = serializers.DateField(
        required=False, help_text="When the procuratorate received it (default: today)."
    )


class RecordAcknowledgementResult(serializers.ModelSerializer[RecordAcknowledgement]):
    class Meta:
        model = RecordAcknowledgement
        fields = [
            "id",
            "kind",
            "target_id",
            "procuratorate",
            "received_on",
            "acknowledged_by",
            "acknowledged_at",
        ]


PROCURATORATE_RECORD_ACKNOWLEDGE = Act(
    name="procuratorate_record_acknowledge",
    label=gettext_lazy("Acknowledge the copy from community correction"),
    article="P2014 Arts 16, 24 ¶4, 28; CCL Arts 44, 49 ¶1, 51",
    may=procuratorate_addressed,
    states=frozenset(CaseState.values),
    effects=_record_acknowledged,
    audit="procuracy.record_acknowledged",
    params=RecordAcknowledgeParams,
    result=RecordAcknowledgementResult,
    example={"kind": "revocation_copy", "record_id": 7, "received_on": "2026-06-30"},
)

acts_register([PROCURATORATE_COPY_ACKNOWLEDGE, PROCURATORATE_RECORD_ACKNOWLEDGE])
# The lane's `receipt` section, and the hook that tells the procuratorates of a case of its
# overdue deadlines, register themselves on import.
from . import alerts as _alerts  # noqa: E402, F401
from . import sections as _sections  # noqa: E402, F401
