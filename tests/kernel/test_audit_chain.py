"""The audit log is append-only and tamper-evident (house style rule 5)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from kernel.audit.models import AuditEvent
from kernel.audit.services import audit_record, audit_verify_chain

pytestmark = pytest.mark.django_db


def _three_events(world) -> list[AuditEvent]:
    return [
        audit_record(
            actor=world.clerk_a, action=f"test.{i}", obj=world.case_a, reason=f"reason {i}"
        )
        for i in range(3)
    ]


def test_each_event_chains_to_the_previous_one(world) -> None:
    events = _three_events(world)
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert audit_verify_chain()[1] is None


def test_event_records_actor_organisation_and_request_id(world, client) -> None:
    client.force_login(world.clerk_a)
    client.get("/cases/export.csv", HTTP_X_REQUEST_ID="req-12345678")
    event = AuditEvent.objects.filter(action="case.list_exported").get()
    assert event.actor_id == world.clerk_a.pk
    assert event.organisation_name == world.prison_a.name
    assert event.request_id == "req-12345678"


def test_database_refuses_update_and_delete(world) -> None:
    event = _three_events(world)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def _tamper(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


def test_audit_verify_reports_a_changed_row(world) -> None:
    events = _three_events(world)
    _tamper("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["forged", events[1].pk])
    with pytest.raises(CommandError, match=f"#{events[1].pk}.*changed"):
        call_command("audit_verify")


def test_audit_verify_reports_a_removed_row(world) -> None:
    events = _three_events(world)
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match=f"#{events[2].pk}.*missing"):
        call_command("audit_verify")


def test_audit_verify_passes_on_an_intact_chain(world, capsys) -> None:
    _three_events(world)
    call_command("audit_verify")
    assert "intact" in capsys.readouterr().out
