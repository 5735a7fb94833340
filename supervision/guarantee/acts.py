"""The declared acts of this part of community correction, registered with the runner: the
guarantor (P2014 Arts 10-12; SPC-Interp Art 516(7); D-30), requests to leave, move or change
the execution place (CCL Art 27), lost contact (CCL Art 30, SPC-Interp Art 516(2)) and the
notices of custody from other organs (CCL Art 32). What they write beyond the acts' own records
is in `services`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.models import Case, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import OrganisationType, Role
from kernel.refusals import Requirement

from ..acts import receiving_officer_of
from ..community_acts import _state_requires
from ..models import SUPERVISION_OPEN, RevocationGroundKind, Supervision
from . import services
from .models import (
    CustodyMeasure,
    CustodyNotice,
    GuarantorReport,
    GuarantorTerm,
    LostContact,
    MovementKind,
    MovementRequest,
    MovementState,
    ProposedBy,
    ReportChannel,
    Reporter,
    ReportKind,
    TermEnd,
    TermState,
)

_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
_PHONE = r"^1[3-9]\d{9}$"


def _record(case: Case) -> Supervision | None:
    return Supervision.objects.filter(case=case).first()


def _open_requires(case: Case, article: str) -> list[Requirement]:
    """The supervision must be open (received, neither expired nor ended by death)."""
    return _state_requires(case, SUPERVISION_OPEN, article)


def _not_in_future(value: dt.date | dt.datetime, field: str) -> None:
    now: dt.date | dt.datetime = (
        timezone.now() if isinstance(value, dt.datetime) else timezone.localdate()
    )
    if value > now:
        raise ValidationError({field: _("The date is in the future.")})


def _one(model: Any, record: Supervision, pk: Any, field: str, **filters: Any) -> Any:
    found = model.objects.filter(supervision=record, pk=pk, **filters).first()
    if found is None:
        raise ValidationError({field: _("Choose one of this person's records.")})
    return found


# P2014 Art 12: the guarantor's contact (the mobile number reminders and codes go to).


class GuarantorContactParams(serializers.Serializer[Any]):
    phone = serializers.RegexField(_PHONE, help_text="The guarantor's 11-digit mobile number.")


class TermResult(serializers.ModelSerializer[GuarantorTerm]):
    class Meta:
        model = GuarantorTerm
        fields = [
            "id",
            "name",
            "relationship",
            "state",
            "full_capacity_and_willing",
            "freedom_not_restricted",
            "fixed_residence_and_income",
            "lives_with_or_nearby",
            "examined_on",
            "letter_filed_on",
            "ended_on",
            "end_reason",
        ]


def _current_requires(case: Case, params: Params, article: str) -> list[Requirement]:
    unmet = _open_requires(case, article)
    if unmet:
        return unmet
    record = Supervision.objects.get(case=case)
    if services.guarantor_current(record) is None:
        return [Requirement("P2014 Art 10", _("There is no current guarantor."))]
    return []


def _contact_recorded(firing: Firing) -> GuarantorTerm:
    record = Supervision.objects.get(case=firing.case)
    term = services.guarantor_current_ensure(record, actor=firing.actor)
    assert term is not None  # `requires` saw one
    contact = services.guarantor_contact_set(record, term, phone=firing.params["phone"])
    firing.payload.update(guarantor_term_id=term.pk, contact_id=contact.pk)
    return term


GUARANTOR_CONTACT_RECORD = Act(
    name="guarantor_contact_record",
    label=gettext_lazy("Record the guarantor's mobile number"),
    article="P2014 Art 12",
    may=receiving_officer_of,
    states=_UNDER,
    requires=lambda case, params: _current_requires(case, params, "P2014 Art 12"),
    effects=_contact_recorded,
    audit="supervision.guarantor_contact",
    params=GuarantorContactParams,
    result=TermResult,
    example={"expected_state": "under_supervision", "phone": "13812345678"},
)


# P2014 Art 12 ¶2 (DOC-43, D-31): the guarantor's reports.


class GuarantorReportParams(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ReportKind.choices, help_text="What happened.")
    happened_at = serializers.DateTimeField(help_text="When it happened.")
    reported_at = serializers.DateTimeField(help_text="When the CCI was told.")
    reporter = serializers.ChoiceField(choices=Reporter.choices, help_text="Who reported.")
    reporter_name = serializers.CharField(max_length=60, help_text="The reporter's name.")
    channel = serializers.ChoiceField(choices=ReportChannel.choices, help_text="How.")
    details = serializers.CharField(help_text="What was reported.")


class GuarantorReportResult(serializers.ModelSerializer[GuarantorReport]):
    class Meta:
        model = GuarantorReport
        fields = ["id", "kind", "happened_at", "reported_at", "reporter", "channel", "late"]


def _report_clean(case: Case, params: Params) -> None:
    _not_in_future(params["reported_at"], "reported_at")
    if params["happened_at"] > params["reported_at"]:
        raise ValidationError({"happened_at": _("It cannot be reported before it happened.")})


def _reported(firing: Firing) -> GuarantorReport:
    record = Supervision.objects.get(case=firing.case)
    report = services.guarantor_report_create(record, actor=firing.actor, **firing.params)
    firing.payload.update(guarantor_report_id=report.pk, kind=report.kind, late=report.late)
    if report.kind == ReportKind.DIED:
        firing.payload["next_act"] = "death_record"
    return report


GUARANTOR_REPORT_RECORD = Act(
    name="guarantor_report_record",
    label=gettext_lazy("Record a guarantor's report"),
    article="P2014 Art 12 ¶2",
    may=receiving_officer_of,
    states=_UNDER,
    requires=lambda case, params: _open_requires(case, "P2014 Art 12 ¶2"),
    clean=_report_clean,
    effects=_reported,
    audit="supervision.guarantor_report",
    params=GuarantorReportParams,
    result=GuarantorReportResult,
    example={
        "expected_state": "under_supervision",
        "kind": "illegal_act",
        "happened_at": "2026-07-02T21:00:00+08:00",
        "reported_at": "2026-07-03T08:30:00+08:00",
        "reporter": "guarantor",
        "reporter_name": "张父",
        "channel": "phone",
        "details": "被保证人酒后与邻居斗殴，派出所已出警",
    },
)


# SPC-Interp Art 516(7), D-30: the guarantor's term ends; a new one is proposed in time.


class TermEndParams(serializers.Serializer[Any]):
    reason = serializers.ChoiceField(choices=TermEnd.choices, help_text="Why the term ends.")
    ended_on = serializers.DateField(help_text="The day the guarantor stopped being one.")
    details = serializers.CharField(help_text="The facts, and how they were established.")


def _term_end_clean(case: Case, params: Params) -> None:
    _not_in_future(params["ended_on"], "ended_on")


def _term_ended(firing: Firing) -> GuarantorTerm:
    record = Supervision.objects.get(case=firing.case)
    term = services.guarantor_term_end(
        record,
        reason=firing.params["reason"],
        ended_on=firing.params["ended_on"],
        details=firing.params["details"],
        organisation=firing.organisation,
        actor=firing.actor,
    )
    firing.payload.update(guarantor_term_id=term.pk, reason=term.end_reason)
    return term


GUARANTOR_TERM_END = Act(
    name="guarantor_term_end",
    label=gettext_lazy("End the guarantor's term"),
    article="SPC-Interp Art 516(7)",
    may=receiving_officer_of,
    states=_UNDER,
    requires=lambda case, params: _current_requires(case, params, "SPC-Interp Art 516(7)"),
    clean=_term_end_clean,
    effects=_term_ended,
    audit="supervision.guarantor_term_end",
    reason_param="details",
    params=TermEndParams,
    result=TermResult,
    example={
        "expected_state": "under_supervision",
        "reason": "lost_conditions",
        "ended_on": "2026-08-01",
        "details": "保证人因病丧失民事行为能力",
    },
)


class GuarantorProposeParams(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=60)
    id_number = serializers.CharField(max_length=18)
    relationship = serializers.CharField(max_length=40)
    proposed_by = serializers.ChoiceField(choices=ProposedBy.choices)
    full_capacity_and_willing = serializers.BooleanField(
        help_text="Art 11(1): full civil capacity, willing to assume the duties."
    )
    freedom_not_restricted = serializers.BooleanField(
        help_text="Art 11(2): personal freedom not restricted."
    )
    fixed_residence_and_income = serializers.BooleanField(
        help_text="Art 11(3): fixed residence and income."
    )
    lives_with_or_nearby = serializers.BooleanField(
        help_text="Art 11(4): lives with the person or in the same city or county."
    )
    examined_on = serializers.DateField(help_text="The examination of the four conditions.")


def _no_current_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "P2014 Arts 10-11")
    if unmet:
        return unmet
    record = Supervision.objects.get(case=case)
    if services.guarantor_current(record) is not None:
        return [
            Requirement(
                "SPC-Interp Art 516(7)",
                _("The current guarantor's term has not ended: end it first."),
            )
        ]
    return []


def _propose_clean(case: Case, params: Params) -> None:
    _not_in_future(params["examined_on"], "examined_on")


def _proposed(firing: Firing) -> GuarantorTerm:
    record = Supervision.objects.get(case=firing.case)
    term = GuarantorTerm.objects.create(
        supervision=record, recorded_by=firing.actor, **firing.params
    )
    firing.payload.update(guarantor_term_id=term.pk, failing=term.failing_conditions)
    return term


GUARANTOR_PROPOSE = Act(
    name="guarantor_propose",
    label=gettext_lazy("Record a proposed guarantor and the examination"),
    article="P2014 Arts 10-11",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_no_current_requires,
    clean=_propose_clean,
    effects=_proposed,
    audit="supervision.guarantor_propose",
    params=GuarantorProposeParams,
    result=TermResult,
    example={
        "expected_state": "under_supervision",
        "name": "张妹",
        "id_number": "330106198001010022",
        "relationship": "妹妹",
        "proposed_by": "relative",
        "full_capacity_and_willing": True,
        "freedom_not_restricted": True,
        "fixed_residence_and_income": True,
        "lives_with_or_nearby": True,
        "examined_on": "2026-08-05",
    },
)


class GuarantorAcceptParams(serializers.Serializer[Any]):
    term = serializers.IntegerField(help_text="The proposed guarantor (id).")
    letter_filed_on = serializers.DateField(help_text="The letter of guarantee was filed on.")
    phone = serializers.RegexField(_PHONE, help_text="The new guarantor's mobile number.")


def _accept_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _no_current_requires(case, params)
    if unmet:
        return unmet
    record = Supervision.objects.get(case=case)
    proposed = record.guarantor_terms.filter(state=TermState.PROPOSED)
    if not proposed.exists():
        return [Requirement("P2014 Art 10", _("No new guarantor has been proposed."))]
    chosen = params.get("term")
    term = proposed.filter(pk=int(chosen)).first() if chosen else None
    if term is None:
        return []
    return [
        Requirement(
            item,
            _("%(name)s does not meet this condition of a guarantor.") % {"name": term.name},
        )
        for item in term.failing_conditions
    ]


def _accept_clean(case: Case, params: Params) -> None:
    record = Supervision.objects.get(case=case)
    _one(GuarantorTerm, record, params["term"], "term", state=TermState.PROPOSED)
    _not_in_future(params["letter_filed_on"], "letter_filed_on")


def _accepted(firing: Firing) -> GuarantorTerm:
    record = Supervision.objects.get(case=firing.case)
    term = services.guarantor_accept(
        record,
        term=record.guarantor_terms.get(pk=firing.params["term"]),
        letter_filed_on=firing.params["letter_filed_on"],
        phone=firing.params["phone"],
        actor=firing.actor,
    )
    firing.payload.update(guarantor_term_id=term.pk)
    return term


GUARANTOR_ACCEPT = Act(
    name="guarantor_accept",
    label=gettext_lazy("Accept the new guarantor"),
    article="P2014 Arts 10-11",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_accept_requires,
    clean=_accept_clean,
    effects=_accepted,
    audit="supervision.guarantor_accept",
    params=GuarantorAcceptParams,
    result=TermResult,
    example={
        "expected_state": "under_supervision",
        "term": 7,
        "letter_filed_on": "2026-08-06",
        "phone": "13912345678",
    },
)


# CCL Art 27: leave, moves and the change of the execution place.


class MovementRequestParams(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=MovementKind.choices)
    requested_on = serializers.DateField()
    reason = serializers.CharField()
    destination = serializers.CharField(max_length=200, required=False, allow_blank=True)
    leave_from = serializers.DateField(required=False, allow_null=True)
    leave_until = serializers.DateField(required=False, allow_null=True)
    new_residence = serializers.CharField(max_length=200, required=False, allow_blank=True)
    new_cci = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(type=OrganisationType.COMMUNITY_CORRECTION),
        required=False,
        allow_null=True,
        help_text="Change of the execution place: the new place's CCI.",
    )


class MovementResult(serializers.ModelSerializer[MovementRequest]):
    class Meta:
        model = MovementRequest
        fields = [
            "id",
            "kind",
            "state",
            "requested_on",
            "destination",
            "leave_from",
            "leave_until",
            "new_residence",
            "new_cci",
            "decided_at",
            "decision_reasons",
            "returned_on",
            "received_at",
        ]


def _movement_clean(case: Case, params: Params) -> None:
    _not_in_future(params["requested_on"], "requested_on")
    kind = params["kind"]
    errors: dict[str, str] = {}
    if kind == MovementKind.LEAVE:
        for field in ("destination", "leave_from", "leave_until"):
            if not params.get(field):
                errors[field] = _("Required for leave.")
        if (
            params.get("leave_from")
            and params.get("leave_until")
            and params["leave_until"] < params["leave_from"]
        ):
            errors["leave_until"] = _("The leave ends before it starts.")
    else:
        if not str(params.get("new_residence", "")).strip():
            errors["new_residence"] = _("Give the new residence.")
        if kind == MovementKind.CHANGE_PLACE:
            record = Supervision.objects.get(case=case)
            new_cci = params.get("new_cci")
            if new_cci is None or new_cci.pk == record.executing_cci_id:
                errors["new_cci"] = _(
                    "Choose the community-correction institution of the new place."
                )
    if errors:
        raise ValidationError(errors)


def _movement_recorded(firing: Firing) -> MovementRequest:
    record = Supervision.objects.get(case=firing.case)
    params = {k: v for k, v in firing.params.items() if v is not None}
    request = MovementRequest.objects.create(supervision=record, recorded_by=firing.actor, **params)
    firing.payload.update(movement_request_id=request.pk, kind=request.kind)
    return request


MOVEMENT_REQUEST_RECORD = Act(
    name="movement_request_record",
    label=gettext_lazy("Record a request to leave or move"),
    article="CCL Art 27",
    may=receiving_officer_of,
    states=_UNDER,
    requires=lambda case, params: _open_requires(case, "CCL Art 27"),
    clean=_movement_clean,
    effects=_movement_recorded,
    audit="supervision.movement_request",
    params=MovementRequestParams,
    result=MovementResult,
    example={
        "expected_state": "under_supervision",
        "kind": "leave",
        "requested_on": "2026-07-01",
        "reason": "赴上海复查病情",
        "destination": "上海市",
        "leave_from": "2026-07-05",
        "leave_until": "2026-07-08",
    },
)


class MovementDecideParams(serializers.Serializer[Any]):
    request = serializers.IntegerField(help_text="The request (id).")
    approve = serializers.BooleanField(help_text="Approve (true) or refuse (false).")
    reasons = serializers.CharField(help_text="The reasons of the decision.")


def _pending_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "CCL Art 27")
    if unmet:
        return unmet
    record = Supervision.objects.get(case=case)
    if not record.movement_requests.filter(state=MovementState.REQUESTED).exists():
        return [Requirement("CCL Art 27", _("There is no request waiting for a decision."))]
    return []


def _decide_clean(case: Case, params: Params) -> None:
    record = Supervision.objects.get(case=case)
    _one(MovementRequest, record, params["request"], "request", state=MovementState.REQUESTED)


def _decided(firing: Firing) -> MovementRequest:
    record = Supervision.objects.get(case=firing.case)
    request = services.movement_decide(
        record,
        request=record.movement_requests.get(pk=firing.params["request"]),
        approve=firing.params["approve"],
        reasons=firing.params["reasons"],
        actor=firing.actor,
    )
    firing.payload.update(movement_request_id=request.pk, state=request.state)
    return request


MOVEMENT_DECIDE = Act(
    name="movement_decide",
    label=gettext_lazy("Decide a request to leave or move"),
    article="CCL Art 27",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_pending_requires,
    clean=_decide_clean,
    effects=_decided,
    audit="supervision.movement_decide",
    reason_param="reasons",
    params=MovementDecideParams,
    result=MovementResult,
    example={
        "expected_state": "under_supervision",
        "request": 3,
        "approve": True,
        "reasons": "复查病情，理由正当",
    },
)


class LeaveReturnParams(serializers.Serializer[Any]):
    request = serializers.IntegerField(help_text="The approved leave (id).")
    returned_on = serializers.DateField(help_text="The person reported back on.")


def _on_leave(record: Supervision) -> Any:
    return record.movement_requests.filter(kind=MovementKind.LEAVE, state=MovementState.APPROVED)


def _return_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "CCL Art 27 ¶1")
    if unmet:
        return unmet
    if not _on_leave(Supervision.objects.get(case=case)).exists():
        return [Requirement("CCL Art 27 ¶1", _("The person is not on approved leave."))]
    return []


def _return_clean(case: Case, params: Params) -> None:
    record = Supervision.objects.get(case=case)
    request = _one(
        MovementRequest,
        record,
        params["request"],
        "request",
        kind=MovementKind.LEAVE,
        state=MovementState.APPROVED,
    )
    _not_in_future(params["returned_on"], "returned_on")
    if request.leave_from and params["returned_on"] < request.leave_from:
        raise ValidationError({"returned_on": _("The leave had not started then.")})


def _returned(firing: Firing) -> MovementRequest:
    record = Supervision.objects.get(case=firing.case)
    request = record.movement_requests.get(pk=firing.params["request"])
    request.come_back()
    request.returned_on = firing.params["returned_on"]
    request.save()
    late = bool(request.leave_until and request.returned_on > request.leave_until)
    firing.payload.update(movement_request_id=request.pk, late=late)
    return request


LEAVE_RETURN_RECORD = Act(
    name="leave_return_record",
    label=gettext_lazy("Record the return from leave"),
    article="CCL Art 27 ¶1",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_return_requires,
    clean=_return_clean,
    effects=_returned,
    audit="supervision.leave_return",
    params=LeaveReturnParams,
    result=MovementResult,
    example={"expected_state": "under_supervision", "request": 3, "returned_on": "2026-07-08"},
)


class TransferReceiveParams(serializers.Serializer[Any]):
    request = serializers.IntegerField(help_text="The approved change of the execution place.")


def _transfers(case: Case) -> Any:
    return MovementRequest.objects.filter(
        supervision__case=case, kind=MovementKind.CHANGE_PLACE, state=MovementState.APPROVED
    )


def new_place_officer_of(case: Case, actor: User) -> Organisation:
    """An officer of the new place's CCI, named in an approved change of the execution place
    (CCL Art 27 ¶2)."""
    pending = _transfers(case).filter(new_cci_id=actor.organisation_id).select_related("new_cci")
    request = pending.first()
    if (
        request is None
        or request.new_cci is None
        or Role.CORRECTION_OFFICER not in actor.role_codes
    ):
        raise PermissionDenied(
            _("Only an officer of the new place's community-correction institution can do this.")
        )
    new_cci: Organisation = request.new_cci
    return new_cci


def _receive_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "CCL Art 27 ¶2")
    if unmet:
        return unmet
    if not _transfers(case).exists():
        return [
            Requirement("CCL Art 27 ¶2", _("No change of the execution place has been approved."))
        ]
    return []


def _receive_clean(case: Case, params: Params) -> None:
    if not _transfers(case).filter(pk=params["request"]).exists():
        raise ValidationError({"request": _("Choose one of this person's records.")})


def _received(firing: Firing) -> MovementRequest:
    record = Supervision.objects.select_for_update().get(case=firing.case)
    request = services.execution_place_receive(
        record,
        request=record.movement_requests.get(pk=firing.params["request"]),
        new_cci=firing.organisation,
        actor=firing.actor,
    )
    firing.payload.update(
        movement_request_id=request.pk,
        previous_cci=request.previous_cci_id,
        executing_cci=firing.organisation.pk,
    )
    return request


EXECUTION_PLACE_RECEIVE = Act(
    name="execution_place_receive",
    label=gettext_lazy("Receive the person at the new place of execution"),
    article="CCL Art 27 ¶2",
    may=new_place_officer_of,
    states=_UNDER,
    requires=_receive_requires,
    clean=_receive_clean,
    effects=_received,
    audit="supervision.execution_place_receive",
    params=TransferReceiveParams,
    result=MovementResult,
    example={"expected_state": "under_supervision", "request": 4},
)


# CCL Art 30: lost contact, the search; SPC-Interp Art 516(2) raised from the record.


class LostContactParams(serializers.Serializer[Any]):
    discovered_at = serializers.DateTimeField(help_text="When the loss of contact was found.")
    last_contact_at = serializers.DateTimeField(help_text="The last contact.")
    last_known = serializers.CharField(help_text="What is known: last place, last contact.")
    measures = serializers.CharField(help_text="The search measures taken at once.")
    public_security_informed_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="When public security was asked to assist."
    )


class LostContactResult(serializers.ModelSerializer[LostContact]):
    class Meta:
        model = LostContact
        fields = [
            "id",
            "discovered_at",
            "last_contact_at",
            "search_started_at",
            "public_security_informed_at",
            "found_at",
            "outcome",
        ]


def _searching(record: Supervision) -> Any:
    return record.lost_contacts.filter(found_at__isnull=True)


def _lost_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "CCL Art 30")
    if unmet:
        return unmet
    if _searching(Supervision.objects.get(case=case)).exists():
        return [Requirement("CCL Art 30", _("A search is already under way."))]
    return []


def _lost_clean(case: Case, params: Params) -> None:
    _not_in_future(params["discovered_at"], "discovered_at")
    if params["last_contact_at"] > params["discovered_at"]:
        raise ValidationError({"last_contact_at": _("The last contact is after the discovery.")})
    informed = params.get("public_security_informed_at")
    if informed is not None:
        _not_in_future(informed, "public_security_informed_at")


def _lost(firing: Firing) -> LostContact:
    record = Supervision.objects.get(case=firing.case)
    lost = services.lost_contact_record(record, actor=firing.actor, **firing.params)
    firing.payload.update(
        lost_contact_id=lost.pk,
        public_security_informed=lost.public_security_informed_at is not None,
    )
    return lost


LOST_CONTACT_RECORD = Act(
    name="lost_contact_record",
    label=gettext_lazy("Record lost contact and start the search"),
    article="CCL Art 30",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_lost_requires,
    clean=_lost_clean,
    effects=_lost,
    audit="supervision.lost_contact",
    params=LostContactParams,
    result=LostContactResult,
    example={
        "expected_state": "under_supervision",
        "discovered_at": "2026-09-01T09:00:00+08:00",
        "last_contact_at": "2026-08-29T18:00:00+08:00",
        "last_known": "8月29日晚电话报到，称在家休养；此后手机关机",
        "measures": "走访居所、联系保证人及近亲属、调取定位记录",
    },
)


class FoundParams(serializers.Serializer[Any]):
    lost_contact = serializers.IntegerField(help_text="The lost-contact record (id).")
    found_at = serializers.DateTimeField(help_text="Found or returned at.")
    outcome = serializers.CharField(help_text="Where and how; what follows.")


def _found_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "CCL Art 30")
    if unmet:
        return unmet
    if not _searching(Supervision.objects.get(case=case)).exists():
        return [Requirement("CCL Art 30", _("No search is under way."))]
    return []


def _found_clean(case: Case, params: Params) -> None:
    record = Supervision.objects.get(case=case)
    lost = _one(LostContact, record, params["lost_contact"], "lost_contact", found_at__isnull=True)
    _not_in_future(params["found_at"], "found_at")
    if params["found_at"] < lost.discovered_at:
        raise ValidationError({"found_at": _("Before the loss of contact was discovered.")})


def _found(firing: Firing) -> LostContact:
    record = Supervision.objects.get(case=firing.case)
    lost = record.lost_contacts.get(pk=firing.params["lost_contact"])
    lost.found_at = firing.params["found_at"]
    lost.outcome = firing.params["outcome"]
    lost.save(update_fields=["found_at", "outcome"])
    firing.payload.update(lost_contact_id=lost.pk)
    return lost


LOST_CONTACT_FOUND_RECORD = Act(
    name="lost_contact_found_record",
    label=gettext_lazy("Record that the person was found"),
    article="CCL Art 30",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_found_requires,
    clean=_found_clean,
    effects=_found,
    audit="supervision.lost_contact_found",
    params=FoundParams,
    result=LostContactResult,
    example={
        "expected_state": "under_supervision",
        "lost_contact": 2,
        "found_at": "2026-09-03T15:00:00+08:00",
        "outcome": "在外地亲属家中找到，已带回",
    },
)


class EscapeGroundParams(serializers.Serializer[Any]):
    lost_contact = serializers.IntegerField(help_text="The lost-contact record (id).")
    reason = serializers.CharField(help_text="Why this is an escape from supervision.")


class GroundResult(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    ground = serializers.CharField()


def _escape_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _open_requires(case, "SPC-Interp Art 516(2)")
    if unmet:
        return unmet
    if not Supervision.objects.get(case=case).lost_contacts.exists():
        return [Requirement("SPC-Interp Art 516(2)", _("No loss of contact is recorded."))]
    return []


def _escape_clean(case: Case, params: Params) -> None:
    _one(LostContact, Supervision.objects.get(case=case), params["lost_contact"], "lost_contact")


def _escape_raised(firing: Firing) -> Any:
    from ..grounds import revocation_ground_raise

    record = Supervision.objects.get(case=firing.case)
    raised = revocation_ground_raise(
        supervision=record,
        ground=RevocationGroundKind.SPC_2,
        reason=firing.params["reason"],
        source=record.lost_contacts.get(pk=firing.params["lost_contact"]),
        actor=firing.actor,
    )
    firing.payload.update(revocation_ground_id=raised.pk)
    return raised


ESCAPE_GROUND_RAISE = Act(
    name="escape_ground_raise",
    label=gettext_lazy("Raise the ground: escaped supervision"),
    article="SPC-Interp Art 516(2)",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_escape_requires,
    clean=_escape_clean,
    effects=_escape_raised,
    audit="supervision.escape_ground",
    reason_param="reason",
    params=EscapeGroundParams,
    result=GroundResult,
    example={
        "expected_state": "under_supervision",
        "lost_contact": 2,
        "reason": "失去联系逾一个月，查找未果，系脱离监管",
    },
)


# CCL Art 32: notices of detention, drug rehabilitation or criminal compulsory measures.


class CustodyNoticeParams(serializers.Serializer[Any]):
    organ = serializers.CharField(max_length=100, help_text="The organ that notified.")
    measure = serializers.ChoiceField(choices=CustodyMeasure.choices)
    measure_details = serializers.CharField(max_length=200, required=False, allow_blank=True)
    taken_on = serializers.DateField(help_text="The measure was taken on.")
    notified_on = serializers.DateField(help_text="The CCI was notified on.")


class CustodyNoticeResult(serializers.ModelSerializer[CustodyNotice]):
    class Meta:
        model = CustodyNotice
        fields = ["id", "organ", "measure", "measure_details", "taken_on", "notified_on"]


def _custody_clean(case: Case, params: Params) -> None:
    _not_in_future(params["notified_on"], "notified_on")
    if params["taken_on"] > params["notified_on"]:
        raise ValidationError({"notified_on": _("Notified before the measure was taken.")})


def _custody_recorded(firing: Firing) -> CustodyNotice:
    record = Supervision.objects.get(case=firing.case)
    notice = CustodyNotice.objects.create(
        supervision=record, recorded_by=firing.actor, **firing.params
    )
    firing.payload.update(custody_notice_id=notice.pk, measure=notice.measure)
    return notice


CUSTODY_NOTICE_RECORD = Act(
    name="custody_notice_record",
    label=gettext_lazy("Record a notice of custody from another organ"),
    article="CCL Art 32",
    may=receiving_officer_of,
    states=_UNDER,
    requires=lambda case, params: _open_requires(case, "CCL Art 32"),
    clean=_custody_clean,
    effects=_custody_recorded,
    audit="supervision.custody_notice",
    params=CustodyNoticeParams,
    result=CustodyNoticeResult,
    example={
        "expected_state": "under_supervision",
        "organ": "西湖区公安分局",
        "measure": "detention",
        "measure_details": "行政拘留十日",
        "taken_on": "2026-10-02",
        "notified_on": "2026-10-03",
    },
)

#: The acts of this part, in the order of the section.
GUARANTEE_ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        GUARANTOR_CONTACT_RECORD,
        GUARANTOR_REPORT_RECORD,
        GUARANTOR_TERM_END,
        GUARANTOR_PROPOSE,
        GUARANTOR_ACCEPT,
        MOVEMENT_REQUEST_RECORD,
        MOVEMENT_DECIDE,
        LEAVE_RETURN_RECORD,
        EXECUTION_PLACE_RECEIVE,
        LOST_CONTACT_RECORD,
        LOST_CONTACT_FOUND_RECORD,
        ESCAPE_GROUND_RAISE,
        CUSTODY_NOTICE_RECORD,
    )
}
acts_register(GUARANTEE_ACTS.values())

# The periodic check registers with Celery when the acts load (this package is not an app,
# so `autodiscover_tasks` does not find it).
from . import tasks as _tasks  # noqa: E402, F401
