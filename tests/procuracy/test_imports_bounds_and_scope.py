"""Bounds of an import (size, rows, type) and who sees what: a batch only by its
organisation; the import pages only by procurators and system administrators; the list's
queries do not grow with its batches."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from procuracy.imports.models import ExternalRecord, ImportBatch
from procuracy.imports.services import ImportRow, external_records_import
from tests.factories import identity_number

from .imports_helpers import IMPORT_DAY, csv_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/api/v1/external-records/imports/"


def _post_page(client, content: bytes, name: str = "x.csv"):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(
        reverse("procuracy:imports_list"),
        {"source": "市公安局", "file": upload},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _line(n: int) -> str:
    return f"R-{n},detention,{identity_number(sequence=11)},张三,2026-04-01,西湖分局,"


def test_a_file_over_the_size_limit_is_refused(world, settings) -> None:
    settings.TEOP_IMPORT_MAX_BYTES = 2048
    content = csv_bytes(*(_line(n) for n in range(100)))
    assert len(content) > 2048
    response = _post_page(world.client_for(world.procurator_a), content)
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    # Through the API, far over the limit: 413 from the declared length.
    big = csv_bytes(*(_line(n) for n in range(2000)))
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(world.procurator_a)
    upload = SimpleUploadedFile("big.csv", big, content_type="text/csv")
    answer = api.post(URL, {"source": "s", "file": upload}, format="multipart")
    assert answer.status_code == 413
    assert "too large" in answer.json()["detail"]
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_row_limit_is_refused(world, settings) -> None:
    settings.TEOP_IMPORT_MAX_ROWS = 3
    with time_machine.travel(IMPORT_DAY, tick=False):
        response = _post_page(
            world.client_for(world.procurator_a), csv_bytes(*(_line(n) for n in range(4)))
        )
    assert response.status_code == 400
    assert "more than 3 rows" in response.content.decode()
    assert not ExternalRecord.objects.exists()


def test_a_binary_file_is_refused_whatever_its_name(world) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    response = _post_page(world.client_for(world.procurator_a), png, name="records.csv")
    assert response.status_code == 400
    assert "binary" in response.content.decode()
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(world.procurator_a)
    upload = SimpleUploadedFile("records.csv", png, content_type="text/csv")
    answer = api.post(URL, {"source": "s", "file": upload}, format="multipart")
    assert answer.status_code == 400 and "binary" in answer.json()["detail"]
    assert not ImportBatch.objects.exists()


def test_a_file_without_the_header_is_refused(world) -> None:
    content = _line(1).encode() + b"\r\n"
    response = _post_page(world.client_for(world.procurator_a), content)
    assert response.status_code == 400
    assert "download the template" in response.content.decode()


def _batch(world, user, organisation, n: int) -> ImportBatch:
    with time_machine.travel(IMPORT_DAY, tick=False):
        return external_records_import(
            actor=user,
            organisation=organisation,
            source=f"来源{n}",
            rows=[ImportRow(2, {"source_ref": f"B{n}", "kind": "detention", "id_number": "x"})],
            channel="api",
        )


def test_a_batch_is_seen_only_by_its_organisation(world) -> None:
    batch = _batch(world, world.procurator_a, world.proc_a, 1)
    url = reverse("procuracy:imports_batch", kwargs={"pk": batch.pk})
    assert world.client_for(world.procurator_a).get(url).status_code == 200
    assert world.client_for(world.procurator_b).get(url).status_code == 404
    assert world.client_for(world.procurator_prov).get(url).status_code == 404
    listed = world.client_for(world.procurator_b).get(reverse("procuracy:imports_list"))
    assert listed.status_code == 200 and f'id="batch-{batch.pk}"' not in listed.content.decode()


def test_only_procurators_and_system_administrators_open_the_import_pages(world) -> None:
    for user in (world.officer, world.clerk_a, world.approver, world.judge):
        client = world.client_for(user)
        assert client.get(reverse("procuracy:imports_list")).status_code == 403, user
        assert client.get(reverse("procuracy:imports_template")).status_code == 403, user
    assert (
        world.client_for(world.sysadmin).get(reverse("procuracy:imports_list")).status_code == 200
    )


def test_the_list_runs_the_same_queries_for_more_batches(world) -> None:
    client = world.client_for(world.procurator_a)
    url = reverse("procuracy:imports_list")
    _batch(world, world.procurator_a, world.proc_a, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(1, 12):
        _batch(world, world.procurator_a, world.proc_a, n)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count('id="batch-') == 12
    assert len(many) == len(few)
