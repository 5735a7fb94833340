"""The audit trail cannot be rewritten or shortened unnoticed (issue #9 item 4).

Keyed hashes (HMAC, key outside the database), one chain per case, and signed checkpoints of
the chain heads kept outside the database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from kernel.audit.checkpoints import audit_checkpoint, checkpoint_dir
from kernel.audit.models import GENESIS_HASH, LEGACY_STREAM, AuditEvent, legacy_hash
from kernel.audit.services import LEGACY_SEAL_ACTION, audit_record, audit_verify
from kernel.audit.streams import stream_lock_key
from kernel.notices.models import Channel, Notice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def checkpoint_store(settings, tmp_path: Path) -> Path:
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    settings.SIGNING_KEYSTORE_DIR = tmp_path / "keystore"
    return settings.AUDIT_CHECKPOINT_DIR


def _events(world, obj, n: int = 4) -> list[AuditEvent]:
    return [
        audit_record(actor=world.clerk_a, action=f"test.{i}", obj=obj, reason=f"reason {i}")
        for i in range(n)
    ]


def _sql(sql: str, params: list[object]) -> None:
    """What the database owner (or anyone who can disable the trigger) can do."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


def _rewrite_from(events: list[AuditEvent], index: int, hash_function) -> None:
    """Change events[index]'s reason and recompute its hash and every later one's, as an
    attacker holding the database but not the key would."""
    prev = events[index].prev_hash
    for position, event in enumerate(events[index:], start=index):
        event.refresh_from_db()
        if position == index:
            event.reason = "forged"
        canonical = {**event.canonical(), "stream": event.stream, "seq": event.seq}
        body = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=str)
        new_hash = hash_function(f"v2|{prev}|{body}".encode())
        _sql(
            "UPDATE audit_auditevent SET reason = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [event.reason, prev, new_hash, event.pk],
        )
        prev = new_hash


@pytest.mark.parametrize(
    "recompute",
    [
        pytest.param(lambda message: hashlib.sha256(message).hexdigest(), id="plain-sha256"),
        pytest.param(
            lambda message: hmac.new(b"a guessed key", message, hashlib.sha256).hexdigest(),
            id="hmac-wrong-key",
        ),
    ],
)
def test_rewrite_with_every_later_hash_recomputed_without_the_key_is_detected(
    world, recompute
) -> None:
    events = _events(world, world.case_a)
    _rewrite_from(events, 1, recompute)
    with pytest.raises(CommandError) as refused:
        call_command("audit_verify")
    message = str(refused.value)
    where = f"stream case:{world.case_a.pk}, event #{events[1].pk} (seq {events[1].seq})"
    assert f"[content/HMAC] {where}" in message
    assert "changed" in message


def test_unrelated_cases_have_their_own_numbered_chains(world) -> None:
    a = _events(world, world.case_a, 2)
    b = _events(world, world.case_b, 2)
    assert [e.stream for e in a] == [f"case:{world.case_a.pk}"] * 2
    assert [e.stream for e in b] == [f"case:{world.case_b.pk}"] * 2
    first_a = AuditEvent.objects.filter(stream=a[0].stream).order_by("seq").first()
    assert first_a is not None
    assert [e.seq for e in a][-1] == AuditEvent.objects.filter(stream=a[0].stream).count()
    assert b[1].prev_hash == b[0].hash  # chained within the case, not to case A's events
    offender_event = audit_record(actor=world.clerk_a, action="test.offender", obj=world.offender_a)
    assert offender_event.stream == f"org:{world.prison_a.pk}"
    assert audit_record(actor=None, action="test.system").stream == "system"


def test_a_writer_on_one_case_does_not_hold_up_another_case(world) -> None:
    """The append lock is per stream: while this transaction holds case A's, another
    connection can take case B's at once but not case A's."""
    audit_record(actor=world.clerk_a, action="test.hold", obj=world.case_a)
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as other:
        try_lock = "SELECT pg_try_advisory_xact_lock(%s)"
        assert other.execute(try_lock, [stream_lock_key(f"case:{world.case_b.pk}")]).fetchone()
        row = other.execute(try_lock, [stream_lock_key(f"case:{world.case_a.pk}")]).fetchone()
        assert row == (False,)
        other.rollback()


def test_removing_the_newest_events_is_detected_against_the_last_checkpoint(world) -> None:
    events = _events(world, world.case_a)
    _events(world, world.case_b, 2)
    checkpoint = audit_checkpoint()
    assert checkpoint.created
    call_command("audit_verify")  # intact against the checkpoint
    _sql("DELETE FROM audit_auditevent WHERE id IN (%s, %s)", [events[-1].pk, events[-2].pk])
    # The remaining chain is still a valid chain on its own ...
    assert audit_verify(checkpoints=False).intact
    # ... but not against the checkpoint.
    with pytest.raises(CommandError) as refused:
        call_command("audit_verify")
    message = str(refused.value)
    assert "[checkpoint missing head]" in message
    where = f"stream case:{world.case_a.pk}, event #{events[1].pk} (seq {events[1].seq})"
    assert where in message
    assert f"up to seq {events[-1].seq}" in message
    assert checkpoint.path.name in message


def test_removing_a_whole_checkpointed_stream_is_detected(world) -> None:
    events = _events(world, world.case_b, 2)
    audit_checkpoint()
    _sql("DELETE FROM audit_auditevent WHERE stream = %s", [events[0].stream])
    with pytest.raises(CommandError, match=rf"stream case:{world.case_b.pk}: .*stream is gone"):
        call_command("audit_verify")


def test_replacing_a_checkpointed_head_is_detected(world) -> None:
    events = _events(world, world.case_a, 2)
    audit_checkpoint()
    _rewrite_from(events, 1, lambda m: hashlib.sha256(m).hexdigest())
    with pytest.raises(CommandError, match=rf"\[checkpoint missing head\].*#{events[1].pk}"):
        call_command("audit_verify")


def test_a_sequence_gap_names_the_stream_and_the_missing_numbers(world) -> None:
    events = _events(world, world.case_a)
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError) as refused:
        call_command("audit_verify")
    assert (
        f"[sequence gap] stream case:{world.case_a.pk}, event #{events[2].pk} "
        f"(seq {events[2].seq}): the event(s) before it are missing (seq {events[1].seq})"
    ) in str(refused.value)


def test_checkpoint_is_a_signed_write_once_file_outside_the_database(world) -> None:
    _events(world, world.case_a, 2)
    checkpoint = audit_checkpoint()
    assert checkpoint.path.parent == checkpoint_dir()
    assert not checkpoint.path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    document = json.loads(checkpoint.path.read_bytes())
    heads = {stream: (seq, h) for stream, seq, h in document["body"]["heads"]}
    head = AuditEvent.objects.filter(stream=f"case:{world.case_a.pk}").order_by("-seq").first()
    assert head is not None
    assert heads[head.stream] == (head.seq, head.hash)
    assert document["body"]["totals"]["events"] == AuditEvent.objects.count()
    # Nothing moved: no new file. A forced one gets the next number, never the same file.
    assert audit_checkpoint().path == checkpoint.path
    again = audit_checkpoint(force=True)
    assert again.number == checkpoint.number + 1
    assert json.loads(again.path.read_bytes())["body"]["previous"]["file"] == checkpoint.path.name


def test_a_forged_checkpoint_signature_is_reported(world) -> None:
    _events(world, world.case_a, 2)
    checkpoint = audit_checkpoint()
    document = json.loads(checkpoint.path.read_bytes())
    document["body"]["heads"] = []  # "nothing to check"
    os.chmod(checkpoint.path, 0o644)
    checkpoint.path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match=r"\[checkpoint signature\].*does not verify"):
        call_command("audit_verify")


def test_a_missing_checkpoint_file_is_reported(world) -> None:
    _events(world, world.case_a, 1)
    first = audit_checkpoint()
    audit_checkpoint(force=True)
    audit_checkpoint(force=True)
    os.remove(first.path.with_name("checkpoint-00000002.json"))
    with pytest.raises(CommandError, match=r"\[checkpoint series\].*No\. 2 are missing"):
        call_command("audit_verify")


def test_checkpoint_is_sent_to_the_supervising_procuratorates(world) -> None:
    _events(world, world.case_a, 1)
    checkpoint = audit_checkpoint()
    notices = Notice.objects.filter(channel=Channel.POST, delivery_key__startswith="audit-")
    assert {n.recipient_organisation_id for n in notices} == {
        world.proc_a.pk,
        world.proc_b.pk,
        world.proc_prov.pk,
    }
    assert checkpoint.notified == 3
    assert all(checkpoint.heads_sha256 in n.body for n in notices)


def test_legacy_events_are_verified_the_old_way_and_must_end_at_their_seal(world) -> None:
    """Events from before keyed hashes (migration 0003) keep their plain SHA-256; since anyone
    can recompute those, the keyed seal pins where the legacy stream ends."""
    prev = GENESIS_HASH
    legacy = []
    for seq in (1, 2):
        event = AuditEvent(
            occurred_at=timezone.now(),
            actor_name="old",
            action=f"legacy.{seq}",
            stream=LEGACY_STREAM,
            seq=seq,
            prev_hash=prev,
        )
        event.hash = legacy_hash(prev_hash=prev, canonical=event.canonical())
        event.save(force_insert=True)
        legacy.append(event)
        prev = event.hash
    with pytest.raises(CommandError, match=r"\[legacy seal\] stream system-v1.*without the keyed"):
        call_command("audit_verify")
    audit_record(
        actor=None,
        action=LEGACY_SEAL_ACTION,
        payload={"legacy_stream": LEGACY_STREAM, "head_seq": 2, "head_hash": legacy[1].hash},
    )
    call_command("audit_verify")
    # An event appended to the legacy stream later (plain SHA-256, no key needed) is caught.
    forged = AuditEvent(
        occurred_at=legacy[1].occurred_at,
        actor_name="old",
        action="legacy.forged",
        stream=LEGACY_STREAM,
        seq=3,
        prev_hash=legacy[1].hash,
    )
    forged.hash = legacy_hash(prev_hash=forged.prev_hash, canonical=forged.canonical())
    forged.save(force_insert=True)
    with pytest.raises(CommandError, match=r"\[legacy seal\].*ends at seq 3.*records seq 2"):
        call_command("audit_verify")


def test_production_refuses_to_start_without_the_audit_key() -> None:
    import subprocess
    import sys

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TEOP_AUDIT_HMAC_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="teop.example.gov.cn",
    )
    run = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert "TEOP_AUDIT_HMAC_KEY" in run.stderr
