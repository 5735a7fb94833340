"""The import through the API: a JSON body of rows or a CSV file, answered with the batch, its
counts and its rejected rows; a batch read back; Idempotency-Key honoured; in the schema."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from procuracy.imports.models import ExternalRecord, ImportBatch
from tests.factories import identity_number

from .imports_helpers import IMPORT_DAY, bad_checksum, csv_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/api/v1/external-records/imports/"


def _api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def _rows() -> list[dict[str, str]]:
    return [
        {
            "source_ref": "KS-1",
            "kind": "compulsory_measure",
            "id_number": identity_number(sequence=11),
            "name": "张三",
            "occurred_on": "2026-04-01",
            "organ": "西湖分局",
        },
        {"source_ref": "KS-2", "kind": "detention", "id_number": bad_checksum(11)},
        {
            "source_ref": "KS-1",
            "kind": "compulsory_measure",
            "id_number": identity_number(sequence=11),
            "occurred_on": "2026-04-01",
        },
    ]


def test_a_json_import_answers_the_batch_with_counts_and_rejections(world) -> None:
    with time_machine.travel(IMPORT_DAY, tick=False):
        response = _api(world.procurator_a).post(
            URL, {"source": "看守所系统", "rows": _rows()}, format="json"
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["rows_total"], body["rows_imported"], body["rows_repeated"]) == (3, 1, 1)
    assert body["rows_rejected"] == 1 and body["channel"] == "api"
    [rejection] = body["rejections"]
    assert rejection["line"] == 2
    assert any("check digit" in e for e in rejection["errors"])
    assert any("date" in e for e in rejection["errors"])
    [record] = body["records"]
    assert record["source_ref"] == "KS-1" and record["matched_offenders"] == 1
    assert list(ExternalRecord.objects.get().offenders.all()) == [world.offender_a]

    read = _api(world.procurator_a).get(f"{URL}{body['id']}/")
    assert read.status_code == 200 and read.json()["rows_imported"] == 1
    assert _api(world.procurator_b).get(f"{URL}{body['id']}/").status_code == 404


def test_a_csv_file_through_the_api(world) -> None:
    content = csv_bytes(f"FY-9,court_ruling,{identity_number(sequence=13)},李四,2026-04-01,,")
    upload = SimpleUploadedFile("fy.csv", content, content_type="text/csv")
    with time_machine.travel(IMPORT_DAY, tick=False):
        response = _api(world.sysadmin).post(
            URL, {"source": "法院系统", "file": upload}, format="multipart"
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["channel"] == "csv" and body["file_name"] == "fy.csv"
    assert body["rows_imported"] == 1 and len(body["sha256"]) == 64
    assert list(ExternalRecord.objects.get().offenders.all()) == [world.offender_b]


def test_the_idempotency_key_replays_the_first_answer(world) -> None:
    client = _api(world.procurator_a)
    with time_machine.travel(IMPORT_DAY, tick=False):
        first = client.post(
            URL, {"source": "看守所系统", "rows": _rows()}, format="json", HTTP_IDEMPOTENCY_KEY="k1"
        )
        again = client.post(
            URL, {"source": "看守所系统", "rows": _rows()}, format="json", HTTP_IDEMPOTENCY_KEY="k1"
        )
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert ImportBatch.objects.count() == 1


def test_only_procurators_and_system_administrators_import(world) -> None:
    for user in (world.officer, world.clerk_a, world.approver, world.judge):
        response = _api(user).post(URL, {"source": "x", "rows": _rows()}, format="json")
        assert response.status_code == 403, user
    assert APIClient().post(URL, {"source": "x", "rows": []}, format="json").status_code in (
        401,
        403,
    )
    assert not ImportBatch.objects.exists()


def test_the_endpoints_are_in_the_openapi_schema() -> None:
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    assert "post" in paths[URL]
    headers = {p["name"] for p in paths[URL]["post"].get("parameters", [])}
    assert "Idempotency-Key" in headers
    assert "get" in paths[URL + "{id}/"]
