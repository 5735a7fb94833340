"""The API of the imports: `POST /api/v1/external-records/imports/` (a JSON body of rows or a
CSV file) answers the batch with its counts and rejected rows; `GET …/imports/<id>/` reads a
batch of the user's organisation (another organisation's: 404)."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.accounts.permissions import has_any_role
from kernel.api import RefusalSerializer, refusal_responses
from kernel.http import AuthenticatedRequest
from kernel.idempotency.services import IDEMPOTENCY_KEY_PARAMETER, idempotent
from kernel.parsers import BoundedJSONParser

from .models import ExternalRecord, ExternalRecordKind, ImportBatch
from .selectors import batch_get_for_user
from .services import (
    FIELDS,
    ImportRefused,
    ImportRow,
    csv_rows_read,
    external_records_import,
    import_max_bytes,
    import_max_rows,
    too_large_message,
    too_many_rows_message,
)
from .views import IMPORT_ROLES


class ExternalRecordRowSerializer(serializers.Serializer[Any]):
    """One row as sent; every field is checked by the import, which reports bad rows by line."""

    source_ref = serializers.CharField(help_text="The source's own reference of the record.")
    kind = serializers.CharField(
        help_text="court_ruling, detention, compulsory_measure or death (Chinese labels too: "
        "法院裁判, 拘留, 强制措施, 死亡)."
    )
    id_number = serializers.CharField(help_text="Resident identity number (18 characters).")
    name = serializers.CharField(required=False, allow_blank=True)
    occurred_on = serializers.CharField(help_text="YYYY-MM-DD, not in the future.")
    organ = serializers.CharField(required=False, allow_blank=True)
    details = serializers.CharField(required=False, allow_blank=True)


class ExternalRecordImportBody(serializers.Serializer[Any]):
    source = serializers.CharField(  # type: ignore[assignment]  # a field, not Field.source
        max_length=120, help_text="The organ or system of the rows."
    )
    rows = serializers.ListField(
        child=serializers.DictField(),
        help_text="The rows (see ExternalRecordRow); each is numbered from 1 in rejections.",
    )


class ExternalRecordImportFile(serializers.Serializer[Any]):
    source = serializers.CharField(max_length=120)  # type: ignore[assignment]
    file = serializers.FileField(help_text="A CSV file with the template's header line.")


class ExternalRecordRejection(serializers.Serializer[Any]):
    line = serializers.IntegerField(help_text="The row's number (CSV: its line, header = 1).")
    errors = serializers.ListField(child=serializers.CharField())  # type: ignore[assignment]


class ExternalRecordOut(serializers.ModelSerializer[ExternalRecord]):
    kind = serializers.ChoiceField(choices=ExternalRecordKind.choices)
    matched_offenders = serializers.SerializerMethodField()

    class Meta:
        model = ExternalRecord
        fields = [
            "id",
            "source_ref",
            "kind",
            "id_number",
            "name",
            "occurred_on",
            "organ",
            "details",
            "matched_at",
            "matched_offenders",
        ]

    def get_matched_offenders(self, record: ExternalRecord) -> int:
        return len(record.offenders.all())


class ImportBatchOut(serializers.ModelSerializer[ImportBatch]):
    rejections = ExternalRecordRejection(many=True)
    records = serializers.SerializerMethodField()

    class Meta:
        model = ImportBatch
        fields = [
            "id",
            "source",
            "channel",
            "file_name",
            "sha256",
            "imported_at",
            "rows_total",
            "rows_imported",
            "rows_repeated",
            "rows_rejected",
            "rejections",
            "records",
        ]

    @extend_schema_field(ExternalRecordOut(many=True))
    def get_records(self, batch: ImportBatch) -> Any:
        records = batch.records.prefetch_related("offenders").order_by("id")
        return ExternalRecordOut(records, many=True).data


#: Room for the multipart envelope and the other fields around the file.
MULTIPART_ALLOWANCE = 64 * 1024


def _declared_length(request: Request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ExternalRecordImportView(APIView):
    """Import records of other organs for the user's organisation."""

    permission_classes = [has_any_role(IMPORT_ROLES)]
    parser_classes = [BoundedJSONParser, MultiPartParser]

    @extend_schema(
        operation_id="external_records_import",
        summary="Import records of other organs",
        description=(
            "Court rulings, detention and compulsory measures and deaths recorded by other "
            "organs, as a JSON body `{source, rows}` or a multipart CSV `file` with `source`. "
            "Each row is tagged with its source and this batch; a row whose source already "
            "holds its `source_ref` is counted in `rows_repeated` and not written again; a "
            "rejected row is reported with its line and reasons, the good rows are written. "
            "Rows are matched to people by identity number. Procurators (for their "
            "procuratorate) and system administrators. At most TEOP_IMPORT_MAX_ROWS rows and "
            "TEOP_IMPORT_MAX_BYTES bytes (413 beyond, from the declared length)."
        ),
        request={
            "application/json": ExternalRecordImportBody,
            "multipart/form-data": ExternalRecordImportFile,
        },
        responses={
            **{k: v for k, v in refusal_responses(None, conflict=True).items() if k != 200},
            201: ImportBatchOut,
            413: OpenApiResponse(RefusalSerializer, description="The body is too large."),
        },
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        examples=[
            OpenApiExample(
                "Two rows",
                value={
                    "source": "市公安局看守所管理系统",
                    "rows": [
                        {
                            "source_ref": "JLS-2026-0001",
                            "kind": "detention",
                            "id_number": "330106197005170010",
                            "name": "张某",
                            "occurred_on": "2026-04-02",
                            "organ": "杭州市公安局西湖区分局",
                            "details": "刑事拘留",
                        },
                        {
                            "source_ref": "SW-2026-0007",
                            "kind": "死亡",
                            "id_number": "330106197005170037",
                            "occurred_on": "2026-04-05",
                            "organ": "西湖区民政局",
                        },
                    ],
                },
                request_only=True,
            )
        ],
        tags=["procuratorial supervision"],
    )
    def post(self, request: Request) -> Response:
        # The declared length is checked before anything reads the body (the Idempotency-Key
        # fingerprint included).
        if _declared_length(request) > import_max_bytes() + MULTIPART_ALLOWANCE:
            return Response({"detail": too_large_message()}, status=413)
        return self._import(request)

    @idempotent
    def _import(self, request: Request) -> Response:
        user = cast(AuthenticatedRequest, request).user
        organisation = user.organisation
        if organisation is None:
            raise PermissionDenied
        source = request.data.get("source")
        upload = request.data.get("file")
        try:
            if upload is not None and hasattr(upload, "read"):
                if upload.size > import_max_bytes():
                    return Response({"detail": too_large_message()}, status=413)
                content = bytes(upload.read())
                rows = csv_rows_read(content)
                channel, file_name = "csv", str(upload.name or "import.csv")
            else:
                body = ExternalRecordImportBody(data=request.data)
                body.is_valid(raise_exception=True)
                if len(body.validated_data["rows"]) > import_max_rows():
                    raise ImportRefused(too_many_rows_message(), code="too_many_rows")
                rows = [
                    ImportRow(n, {k: v for k, v in row.items() if k in FIELDS})
                    for n, row in enumerate(body.validated_data["rows"], start=1)
                ]
                content, channel, file_name = None, "api", ""
                source = body.validated_data["source"]
            batch = external_records_import(
                actor=user,
                organisation=organisation,
                source=str(source or ""),
                rows=rows,
                channel=channel,
                file_name=file_name,
                content=content,
            )
        except ImportRefused as exc:
            too_large = getattr(exc, "code", None) == "too_large"
            return Response({"detail": " ".join(exc.messages)}, status=413 if too_large else 400)
        return Response(ImportBatchOut(batch).data, status=status.HTTP_201_CREATED)


class ImportBatchDetailView(APIView):
    permission_classes = [has_any_role(IMPORT_ROLES)]

    @extend_schema(
        operation_id="external_records_import_detail",
        summary="An import of records of other organs",
        description="The batch with its counts, rejected rows and records; only the batches "
        "of the user's organisation (others: 404).",
        responses={200: ImportBatchOut, 404: RefusalSerializer},
        tags=["procuratorial supervision"],
    )
    def get(self, request: Request, pk: int) -> Response:
        batch = batch_get_for_user(user=cast(AuthenticatedRequest, request).user, pk=pk)
        return Response(ImportBatchOut(batch).data)
