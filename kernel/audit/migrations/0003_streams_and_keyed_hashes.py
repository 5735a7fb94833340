"""Streams, sequence numbers and keyed hashes for the audit log.

Events written before this migration keep their plain SHA-256 hashes, untouched: rehashing
them with the new key would launder any change made before the upgrade into a valid keyed
chain. They become the closed legacy stream "system-v1" (seq 1..n in id order, which is the
order their chain was built in) and are verified the old way. Because anyone can recompute a
plain SHA-256, the legacy stream is then sealed: a keyed `audit.legacy_sealed` event in the
"system" stream records its last seq and hash, so an event added to, removed from or
rewritten in the legacy stream afterwards is detected.

Setting `stream` and `seq` on the old rows is an UPDATE, which the append-only trigger of
0002 refuses; this migration (run by the owner role) disables that trigger for the one
statement. The new columns are not covered by the legacy hashes, so nothing they prove
changes.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

LEGACY_STREAM = "system-v1"


def carry_legacy_rows(apps, schema_editor):
    from kernel.audit.models import GENESIS_HASH, keyed_hash

    AuditEvent = apps.get_model("audit", "AuditEvent")
    connection = schema_editor.connection
    if not AuditEvent.objects.exists():
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(
            "UPDATE audit_auditevent SET stream = %s, seq = numbered.n FROM "
            "(SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM audit_auditevent) AS numbered "
            "WHERE audit_auditevent.id = numbered.id",
            [LEGACY_STREAM],
        )
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
    head = AuditEvent.objects.filter(stream=LEGACY_STREAM).order_by("-seq").first()
    payload = {"legacy_stream": LEGACY_STREAM, "head_seq": head.seq, "head_hash": head.hash}
    seal = AuditEvent(
        occurred_at=timezone.now(),
        actor_name="system",
        action="audit.legacy_sealed",
        reason="Events before keyed hashes and streams: closed and pinned by this event.",
        payload=payload,
        stream="system",
        seq=1,
        prev_hash=GENESIS_HASH,
    )
    canonical = {
        "occurred_at": seal.occurred_at.isoformat(timespec="microseconds"),
        "actor_id": None,
        "actor_name": seal.actor_name,
        "organisation_id": None,
        "organisation_name": "",
        "action": seal.action,
        "object_type": "",
        "object_id": "",
        "object_repr": "",
        "from_state": "",
        "to_state": "",
        "reason": seal.reason,
        "request_id": "",
        "payload": payload,
        "stream": seal.stream,
        "seq": seal.seq,
    }
    seal.hash = keyed_hash(
        prev_hash=seal.prev_hash, canonical=canonical, key=settings.AUDIT_HMAC_KEY.encode()
    )
    seal.save(force_insert=True)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_refuse_update_delete")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="stream",
            field=models.CharField(default=LEGACY_STREAM, max_length=80, verbose_name="stream"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.BigIntegerField(null=True, verbose_name="sequence number"),
        ),
        migrations.RunPython(carry_legacy_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.BigIntegerField(verbose_name="sequence number"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("stream", "seq"), name="audit_stream_seq_unique"
            ),
        ),
    ]
