"""Signed checkpoints of the audit chains, kept outside the database.

A keyed chain shows that an event was changed, but not that the newest events of a stream
were removed: the shorter chain is still a valid chain. So, periodically (beat, hourly, and
`manage.py audit_checkpoint`), the head of every stream (stream, seq, hash) is written to a
checkpoint file in a write-once directory (`settings.AUDIT_CHECKPOINT_DIR`: each file created
exclusively, read-only, never overwritten), signed with the system's Ed25519 checkpoint key
kept in the signing key store, and announced to the supervising procuratorates with a digest
of the heads. `audit_verify` checks the newest checkpoint's signature and that every head it
recorded is still in the log.

File: checkpoint-<number>.json = {"body": {...}, "signature": base64(Ed25519(body))}, where
the signed bytes are the body as compact JSON with sorted keys.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.signing.keystore import SigningUnavailable, keystore_dir

from .models import AuditEvent

if TYPE_CHECKING:
    from .services import AuditVerification

FORMAT = "teop-audit-checkpoint/1"
KEY_FILE = "audit-checkpoint.key.pem"
PUBLIC_KEY_FILE = "audit-checkpoint.pub.pem"
_NAME = re.compile(r"^checkpoint-(\d{8})\.json$")


def checkpoint_dir() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR)


def _passphrase() -> bytes:
    passphrase = str(settings.SIGNING_KEYSTORE_PASSPHRASE)
    if not passphrase:
        raise SigningUnavailable(
            "TEOP_SIGNING_KEYSTORE_PASSPHRASE is not set: the audit checkpoint key cannot be "
            "opened."
        )
    return passphrase.encode()


def checkpoint_key_ensure() -> Ed25519PrivateKey:
    """The system's checkpoint signing key; made (encrypted at rest) on first use."""
    directory = keystore_dir()
    key_path, public_path = directory / KEY_FILE, directory / PUBLIC_KEY_FILE
    if key_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), _passphrase())
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningUnavailable(f"{key_path} is not an Ed25519 key.")
        return key
    key = Ed25519PrivateKey.generate()
    directory.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_passphrase()),
    )
    try:
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process made it first: use theirs.
        return checkpoint_key_ensure()
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return key


def _public_key() -> Ed25519PublicKey | None:
    path = keystore_dir() / PUBLIC_KEY_FILE
    if not path.exists():
        return None
    key = serialization.load_pem_public_key(path.read_bytes())
    return key if isinstance(key, Ed25519PublicKey) else None


def _fingerprint(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _files() -> list[tuple[int, Path]]:
    directory = checkpoint_dir()
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def _write_once(path: Path, data: bytes) -> None:
    """Create the file exclusively and leave it read-only: an existing file is never
    replaced (FileExistsError)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def stream_heads() -> list[tuple[str, int, str]]:
    """(stream, seq, hash) of the last event of every stream, read in one snapshot."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT ON (stream) stream, seq, hash FROM audit_auditevent "
                "ORDER BY stream, seq DESC"
            )
            return [(str(s), int(q), str(h)) for s, q, h in cursor.fetchall()]
    heads: dict[str, tuple[str, int, str]] = {}
    for stream, seq, hash_ in AuditEvent.objects.order_by("stream", "seq").values_list(
        "stream", "seq", "hash"
    ):
        heads[stream] = (stream, seq, hash_)
    return list(heads.values())


def heads_digest(heads: list[tuple[str, int, str]]) -> str:
    return hashlib.sha256(_canonical({"heads": [list(h) for h in heads]})).hexdigest()


@dataclasses.dataclass(frozen=True)
class Checkpoint:
    number: int
    path: Path
    streams: int
    events: int
    heads_sha256: str
    key_sha256: str
    created: bool
    notified: int = 0


def audit_checkpoint(*, force: bool = False, now: dt.datetime | None = None) -> Checkpoint:
    """Write a signed checkpoint of every stream's head and tell the supervising
    procuratorates. Unless `force`, nothing is written when no head moved since the last."""
    key = checkpoint_key_ensure()
    key_sha256 = _fingerprint(key.public_key())
    with transaction.atomic():
        # One snapshot for heads and totals (REPEATABLE READ would be stronger; a head
        # appended between the two reads only makes the total one larger than the heads).
        heads = stream_heads()
        events = AuditEvent.objects.count()
    digest = heads_digest(heads)
    directory = checkpoint_dir()
    directory.mkdir(parents=True, exist_ok=True)
    while True:
        existing = _files()
        previous = existing[-1] if existing else None
        if previous is not None and not force:
            body = _read(previous[1])[0]
            if body is not None and body.get("heads_sha256") == digest:
                return Checkpoint(
                    previous[0],
                    previous[1],
                    len(heads),
                    int(body.get("totals", {}).get("events", events)),
                    digest,
                    key_sha256,
                    created=False,
                )
        number = previous[0] + 1 if previous else 1
        body = {
            "format": FORMAT,
            "number": number,
            "created_at": (now or timezone.now()).isoformat(),
            "previous": (
                {
                    "file": previous[1].name,
                    "sha256": hashlib.sha256(previous[1].read_bytes()).hexdigest(),
                }
                if previous
                else None
            ),
            "totals": {"streams": len(heads), "events": events},
            "heads": [list(h) for h in heads],
            "heads_sha256": digest,
            "key": {"algorithm": "Ed25519", "public_key_sha256": key_sha256},
        }
        signature = base64.b64encode(key.sign(_canonical(body))).decode()
        path = directory / f"checkpoint-{number:08d}.json"
        try:
            _write_once(path, _canonical({"body": body, "signature": signature}))
        except FileExistsError:
            continue  # a concurrent run took this number; number the next one
        break
    checkpoint = Checkpoint(number, path, len(heads), events, digest, key_sha256, True)
    notified = _notify_procuratorates(checkpoint)
    return dataclasses.replace(checkpoint, notified=notified)


def _notify_procuratorates(checkpoint: Checkpoint) -> int:
    """A formal notice (post/registry channel, one per procuratorate) with the head summary.

    The summary carries totals and the digest of all heads, not the streams themselves, so a
    procuratorate learns nothing about cases outside its jurisdiction, yet holds, outside this
    system's database, a commitment that a later checkpoint file can be compared against.
    """
    from kernel.accounts.models import Organisation
    from kernel.accounts.roles import Level, OrganisationType
    from kernel.notices.services import notice_post

    procuratorates = Organisation.objects.filter(
        type=OrganisationType.PROCURATORATE, is_active=True
    )
    supervising = procuratorates.filter(supervision_assignments__isnull=False).distinct()
    recipients = list(supervising) or list(procuratorates.filter(level=Level.PROVINCE))
    subject = _("Audit log checkpoint No. %(number)s") % {"number": checkpoint.number}
    body = _(
        "The system recorded checkpoint No. %(number)s of its audit log: %(streams)s chains, "
        "%(events)s events. Digest of the chain heads (SHA-256): %(digest)s. Signed with the "
        "system's checkpoint key %(key)s. File: %(file)s. Keep this notice: if the log is "
        "later shortened or rewritten, the heads will no longer match this digest."
    ) % {
        "number": checkpoint.number,
        "streams": checkpoint.streams,
        "events": checkpoint.events,
        "digest": checkpoint.heads_sha256,
        "key": checkpoint.key_sha256,
        "file": checkpoint.path.name,
    }
    with transaction.atomic():
        for organisation in recipients:
            notice_post(
                organisation_id=organisation.pk,
                key=f"audit-checkpoint:{checkpoint.number}:{checkpoint.heads_sha256[:16]}",
                subject=subject,
                body=body,
            )
    return len(recipients)


def _read(path: Path) -> tuple[dict[str, Any] | None, str]:
    try:
        document = json.loads(path.read_bytes())
        body, signature = document["body"], document["signature"]
        if not isinstance(body, dict) or not isinstance(signature, str):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        return None, ""
    return body, signature


def checkpoint_verify_latest(result: AuditVerification) -> dict[str, tuple[int, str]]:
    """Check the checkpoint series and the newest file's signature; return the heads it
    recorded ({stream: (seq, hash)}) for `audit_verify` to compare with the log."""
    from .services import AuditProblem, Check

    files = _files()
    if not files:
        return {}
    numbers = [number for number, _path in files]
    missing = sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers))
    if missing:
        result.add(
            AuditProblem(
                Check.CHECKPOINT_SERIES,
                "-",
                f"checkpoint file(s) No. {', '.join(map(str, missing))} are missing from "
                f"{checkpoint_dir()}",
            )
        )
    number, path = files[-1]
    result.checkpoint = path.name
    body, signature = _read(path)
    public_key = _public_key()
    problem = ""
    if body is None:
        problem = "the file cannot be read as a checkpoint"
    elif public_key is None:
        problem = f"the checkpoint public key {PUBLIC_KEY_FILE} is missing from the key store"
    else:
        try:
            public_key.verify(base64.b64decode(signature), _canonical(body))
        except (InvalidSignature, ValueError):
            problem = "its signature does not verify with the system's checkpoint key"
        else:
            if body.get("number") != number or body.get("format") != FORMAT:
                problem = "its number or format does not match its file name"
    if problem or body is None:
        result.add(AuditProblem(Check.CHECKPOINT_SIGNATURE, "-", f"{path.name}: {problem}"))
        return {}
    previous = body.get("previous")
    if len(files) > 1 and isinstance(previous, dict):
        prior = files[-2][1]
        if previous.get("sha256") != hashlib.sha256(prior.read_bytes()).hexdigest():
            result.add(
                AuditProblem(
                    Check.CHECKPOINT_SERIES,
                    "-",
                    f"{path.name} does not follow {prior.name}: the earlier file was replaced",
                )
            )
    heads = {str(s): (int(q), str(h)) for s, q, h in body.get("heads", [])}
    result.checkpoint_streams = len(heads)
    return heads
