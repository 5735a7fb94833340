"""Importing records of other organs (issue 13, "Records that come from other organs").

`external_records_import` takes rows (dicts, from a CSV file or an API body), writes one
`ImportBatch` and one `ExternalRecord` per good row, and reports every rejected row with its
line and the reasons a clerk can act on. It is idempotent: a row whose source already holds its
`source_ref` is counted as repeated and nothing is written for it, also when two imports race
(the unique constraint (source, source_ref) and INSERT … ON CONFLICT DO NOTHING).

Matching (`external_records_match`) links each new record to every `Offender` with its identity
number (one per custodian registry). Each new link is an audit event on the person, and, for a
person under community supervision, a notice to the executing community-correction institution's
officers and the case's procuratorate telling them which act to record. Records that match no
one stay unmatched; `python manage.py external_records_match` (run after registrations, e.g.
nightly) links them, and those already matched to people registered since, later.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.identity import InvalidIdentityNumber, parse_identity_number
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, Offender
from cases.models.person import identity_error_message
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import Role
from kernel.audit.services import audit_record
from kernel.bounds import EARLIEST_DATE
from kernel.notices.services import notice_send_to_role

from .models import ExternalRecord, ExternalRecordKind, ImportBatch

#: The CSV header, in this order (the template's first line).
FIELDS = ("source_ref", "kind", "id_number", "name", "occurred_on", "organ", "details")
#: Chinese column names accepted in place of the English ones.
FIELD_ALIASES = {
    "来源编号": "source_ref",
    "类别": "kind",
    "身份证号": "id_number",
    "公民身份号码": "id_number",
    "姓名": "name",
    "发生日期": "occurred_on",
    "机关": "organ",
    "作出机关": "organ",
    "详情": "details",
}
#: Kind codes and the Chinese labels the other organs' exports use.
KIND_ALIASES = {
    **{k.value: k.value for k in ExternalRecordKind},
    "法院裁判": ExternalRecordKind.COURT_RULING,
    "裁判": ExternalRecordKind.COURT_RULING,
    "判决": ExternalRecordKind.COURT_RULING,
    "新罪判决": ExternalRecordKind.COURT_RULING,
    "拘留": ExternalRecordKind.DETENTION,
    "刑事拘留": ExternalRecordKind.DETENTION,
    "行政拘留": ExternalRecordKind.DETENTION,
    "羁押": ExternalRecordKind.DETENTION,
    "强制措施": ExternalRecordKind.COMPULSORY_MEASURE,
    "逮捕": ExternalRecordKind.COMPULSORY_MEASURE,
    "取保候审": ExternalRecordKind.COMPULSORY_MEASURE,
    "监视居住": ExternalRecordKind.COMPULSORY_MEASURE,
    "死亡": ExternalRecordKind.DEATH,
}
_MAX_LENGTH = {"source_ref": 120, "name": 60, "organ": 120, "details": 2000}


class ImportRefused(ValidationError):
    """The whole import is refused (too large, not a CSV text, no header): nothing is written."""


@dataclass(frozen=True)
class ImportRow:
    line: int
    values: Mapping[str, Any]


def import_max_rows() -> int:
    return int(settings.TEOP_IMPORT_MAX_ROWS)


def import_max_bytes() -> int:
    return min(int(settings.TEOP_IMPORT_MAX_BYTES), int(settings.TEOP_MAX_UPLOAD_BYTES))


def too_many_rows_message() -> str:
    return _("The file has more than %(count)s rows; split it into several files.") % {
        "count": import_max_rows()
    }


def too_large_message() -> str:
    return _("The file is too large: at most %(kb)s KB.") % {"kb": import_max_bytes() // 1024}


def template_csv() -> str:
    """The CSV template: the header line (UTF-8 with a BOM, so spreadsheet programs read it)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(FIELDS)
    return "\ufeff" + out.getvalue()


def _decode(content: bytes) -> str:
    """UTF-8 (a BOM is dropped) or, failing that, GB18030; binary content is refused."""
    if b"\x00" in content[:8192]:
        raise ImportRefused(_("This is not a CSV text file (it holds binary data)."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportRefused(
            _("The file is neither UTF-8 nor GB18030 text; save it as CSV (UTF-8) and retry.")
        ) from None
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text[:8192]):
        raise ImportRefused(_("This is not a CSV text file (it holds binary data)."))
    return text


def csv_rows_read(content: bytes) -> list[ImportRow]:
    """The rows of a CSV file, each with its line in the file (the header is line 1)."""
    if len(content) > import_max_bytes():
        raise ImportRefused(too_large_message(), code="too_large")
    if not content.strip():
        raise ImportRefused(_("The file is empty."))
    text = _decode(content)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise ImportRefused(_("The file has no header line.")) from None
    columns = [FIELD_ALIASES.get(h.strip(), h.strip().lower()) for h in header]
    missing = [f for f in ("source_ref", "kind", "id_number", "occurred_on") if f not in columns]
    if missing:
        raise ImportRefused(
            _("The header line lacks the columns %(columns)s; download the template.")
            % {"columns": ", ".join(missing)}
        )
    rows: list[ImportRow] = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= import_max_rows():
                raise ImportRefused(too_many_rows_message())
            values: dict[str, Any] = dict(zip(columns, cells, strict=False))
            if len(cells) > len(columns):
                values["__extra__"] = True
            rows.append(ImportRow(reader.line_num, values))
    except csv.Error as exc:
        raise ImportRefused(
            _("Line %(line)s cannot be read as CSV: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from None
    return rows


def _text(values: Mapping[str, Any], key: str) -> str:
    value = values.get(key)
    return "" if value is None else str(value).strip()


def row_clean(values: Mapping[str, Any], today: dt.date) -> tuple[dict[str, Any], list[str]]:
    """The row's fields ready to store, or the reasons it is rejected (clerk's language)."""
    errors: list[str] = []
    clean: dict[str, Any] = {}
    if values.get("__extra__"):
        errors.append(_("The row has more cells than the header has columns."))
    source_ref = _text(values, "source_ref")
    if not source_ref:
        errors.append(_("The source reference (source_ref) is empty."))
    clean["source_ref"] = source_ref
    raw_kind = _text(values, "kind")
    kind = KIND_ALIASES.get(raw_kind) or KIND_ALIASES.get(raw_kind.lower())
    if kind is None:
        errors.append(
            _(
                "The kind “%(kind)s” is not one of court_ruling, detention, "
                "compulsory_measure, death."
            )
            % {"kind": raw_kind}
        )
    clean["kind"] = kind
    try:
        clean["id_number"] = parse_identity_number(_text(values, "id_number"), today=today).value
    except InvalidIdentityNumber as exc:
        errors.append(_("Identity number: %(error)s") % {"error": identity_error_message(exc)})
    raw_day = _text(values, "occurred_on")
    try:
        day = dt.date.fromisoformat(raw_day)
        if len(raw_day) != 10:
            raise ValueError(raw_day)
    except ValueError:
        errors.append(
            _("The date “%(date)s” is not a date written YYYY-MM-DD.") % {"date": raw_day}
        )
    else:
        if day > today:
            errors.append(_("The date %(date)s is in the future.") % {"date": raw_day})
        elif day < EARLIEST_DATE:
            errors.append(_("The date %(date)s is too early.") % {"date": raw_day})
        clean["occurred_on"] = day
    for key in ("name", "organ", "details"):
        clean[key] = _text(values, key)
    for key, limit in _MAX_LENGTH.items():
        if len(clean[key]) > limit:
            errors.append(
                _("The field %(field)s is longer than %(limit)s characters.")
                % {"field": key, "limit": limit}
            )
    return clean, errors


def external_records_import(
    *,
    actor: User,
    organisation: Organisation,
    source: str,
    rows: Sequence[ImportRow],
    channel: str,
    file_name: str = "",
    content: bytes | None = None,
) -> ImportBatch:
    """One import: the batch with its counts and rejections; good rows written, repeated rows
    (same source and source_ref, in this import or an earlier one) counted and not written."""
    source = source.strip()
    if not source:
        raise ImportRefused(_("Name the source of the records (the organ or its system)."))
    if len(rows) > import_max_rows():
        raise ImportRefused(too_many_rows_message(), code="too_many_rows")
    today = timezone.localdate()
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            source=source[:120],
            organisation=organisation,
            imported_by=actor,
            channel=channel,
            file_name=file_name[:200],
            sha256=hashlib.sha256(content).hexdigest() if content is not None else "",
            rows_total=len(rows),
        )
        rejections: list[dict[str, Any]] = []
        fresh: list[ExternalRecord] = []
        seen: set[str] = set()
        repeated = 0
        for row in rows:
            clean, errors = row_clean(row.values, today)
            if errors:
                rejections.append({"line": row.line, "errors": errors})
                continue
            if clean["source_ref"] in seen:
                repeated += 1
                continue
            seen.add(clean["source_ref"])
            fresh.append(ExternalRecord(batch=batch, source=batch.source, **clean))
        # ON CONFLICT (source, source_ref) DO NOTHING: a row imported before, or by an import
        # running at the same time, is not written twice.
        ExternalRecord.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=1000)
        written = list(ExternalRecord.objects.filter(batch=batch).order_by("id"))
        batch.rows_imported = len(written)
        batch.rows_repeated = repeated + len(fresh) - len(written)
        batch.rows_rejected = len(rejections)
        batch.rejections = rejections
        batch.save(update_fields=["rows_imported", "rows_repeated", "rows_rejected", "rejections"])
        audit_record(
            actor=actor,
            action="external_records.imported",
            obj=batch,
            payload={
                "source": batch.source,
                "channel": channel,
                "sha256": batch.sha256,
                "imported": batch.rows_imported,
                "repeated": batch.rows_repeated,
                "rejected": batch.rows_rejected,
            },
        )
        external_records_match(written, actor=actor)
    return batch


def _subject(record: ExternalRecord, offender: Offender) -> str:
    if record.kind == ExternalRecordKind.DEATH:
        return _(
            "%(organ)s records the death of %(name)s on %(date)s: record the death "
            "(P2014 Art 28) on the community-correction page."
        ) % {
            "organ": record.organ or record.source,
            "name": offender.name,
            "date": record.occurred_on,
        }
    return _(
        "%(organ)s records a %(kind)s of %(name)s on %(date)s: record the compulsory measure "
        "(T-S01) or the new judgment on the community-correction page."
    ) % {
        "organ": record.organ or record.source,
        "kind": record.get_kind_display(),
        "name": offender.name,
        "date": record.occurred_on,
    }


def _notify_supervisors(record: ExternalRecord, offender: Offender, cases: list[Case]) -> None:
    """The executing CCI's officers and the case's procuratorate, for each case of the person
    under community supervision."""
    subject = _subject(record, offender)
    for case in cases:
        link = reverse("supervision:community", kwargs={"pk": case.pk})
        key = f"external-record:{record.pk}:{case.pk}"
        notice_send_to_role(
            organisation_id=case.supervision.executing_cci_id,
            roles=[Role.CORRECTION_OFFICER],
            key=key,
            subject=subject,
            link=link,
            severity="warning",
        )
        for participant in case.participants.all():
            if participant.capacity == Capacity.PROCURATORATE:
                notice_send_to_role(
                    organisation_id=participant.organisation_id,
                    roles=[Role.PROCURATOR],
                    key=key,
                    subject=subject,
                    link=reverse("procuracy:lane", kwargs={"pk": case.pk}),
                    severity="warning",
                )


def external_records_match(records: Iterable[ExternalRecord], *, actor: User | None) -> int:
    """Link each record to every offender with its identity number not linked yet; each new
    link is audited on the offender and notified when the person is under supervision.
    Returns the number of new links."""
    from supervision.models import SUPERVISION_OPEN

    records = list(records)
    if not records:
        return 0
    numbers = {r.id_number for r in records}
    offenders: dict[str, list[Offender]] = {}
    for offender in Offender.objects.filter(id_number__in=numbers).order_by("id"):
        offenders.setdefault(offender.id_number, []).append(offender)
    if not offenders:
        return 0
    through = ExternalRecord.offenders.through
    linked = set(
        through.objects.filter(externalrecord_id__in=[r.pk for r in records]).values_list(
            "externalrecord_id", "offender_id"
        )
    )
    supervised: dict[int, list[Case]] = {}
    for case in (
        Case.objects.filter(
            offender__id_number__in=list(offenders),
            supervision__state__in=list(SUPERVISION_OPEN),
        )
        .select_related("supervision", "offender")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=CaseParticipant.objects.filter(capacity=Capacity.PROCURATORATE),
            )
        )
    ):
        supervised.setdefault(case.offender_id, []).append(case)
    now = timezone.now()
    links = []
    for record in records:
        new = [o for o in offenders.get(record.id_number, []) if (record.pk, o.pk) not in linked]
        if not new:
            continue
        for offender in new:
            links.append(through(externalrecord_id=record.pk, offender_id=offender.pk))
            audit_record(
                actor=actor,
                action="external_record.matched",
                obj=offender,
                payload={
                    "record_id": record.pk,
                    "kind": record.kind,
                    "occurred_on": record.occurred_on.isoformat(),
                    "source": record.source,
                    "source_ref": record.source_ref,
                    "batch_id": record.batch_id,
                },
            )
            _notify_supervisors(record, offender, supervised.get(offender.pk, []))
        if record.matched_at is None:
            record.matched_at = now
            ExternalRecord.objects.filter(pk=record.pk).update(matched_at=now)
    through.objects.bulk_create(links, ignore_conflicts=True)
    return len(links)


def external_records_rematch(*, actor: User | None = None, chunk: int = 2000) -> int:
    """Match every record to the people registered since it was imported (the command)."""
    total = 0
    ids = list(
        ExternalRecord.objects.filter(
            id_number__in=Offender.objects.values("id_number")
        ).values_list("id", flat=True)
    )
    for start in range(0, len(ids), chunk):
        total += external_records_match(
            ExternalRecord.objects.filter(id__in=ids[start : start + chunk]), actor=actor
        )
    return total
