"""A CSV of records of other organs: good rows written, bad rows reported by line with the
reason, repeated rows counted and never written twice; re-importing changes nothing."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from procuracy.imports.models import ExternalRecord, ImportBatch
from tests.factories import identity_number

from .imports_helpers import IMPORT_DAY, bad_checksum, csv_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

GOOD_1 = identity_number(sequence=801)
GOOD_2 = identity_number(sequence=803)


def _file() -> bytes:
    return csv_bytes(
        f"GA-1,detention,{GOOD_1},王五,2026-04-02,西湖分局,刑事拘留",  # line 2
        f"GA-2,死亡,{GOOD_2},赵六,2026-04-03,民政局,",  # line 3: a Chinese kind label
        f"GA-3,detention,{bad_checksum(805)},钱七,2026-04-02,西湖分局,",  # line 4
        f"GA-4,detention,{GOOD_1},王五,2026-05-02,西湖分局,",  # line 5: in the future
        f"GA-5,arrested,{GOOD_1},王五,2026-04-02,西湖分局,",  # line 6: unknown kind
        f"GA-6,detention,{GOOD_1},王五,02/04/2026,西湖分局,",  # line 7: not YYYY-MM-DD
        f"GA-1,detention,{GOOD_1},王五,2026-04-02,西湖分局,刑事拘留",  # line 8: repeated
        ",detention,,王五,2026-04-02,,",  # line 9: no reference, no number
    )


def _upload(client, content: bytes, name: str = "ga.csv", source: str = "市公安局"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(
        reverse("procuracy:imports_list"),
        {"source": source, "file": upload},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_good_bad_and_repeated_rows_are_counted_and_rejections_are_numbered(world) -> None:
    client = world.client_for(world.procurator_a)
    with time_machine.travel(IMPORT_DAY, tick=False):
        response = _upload(client, _file())
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("procuracy:imports_batch", kwargs={"pk": batch.pk})
    assert (batch.rows_total, batch.rows_imported, batch.rows_repeated, batch.rows_rejected) == (
        8,
        2,
        1,
        5,
    )
    assert batch.organisation == world.proc_a and batch.imported_by == world.procurator_a
    assert batch.channel == "csv" and batch.file_name == "ga.csv" and len(batch.sha256) == 64
    lines = {r["line"]: r["errors"] for r in batch.rejections}
    assert sorted(lines) == [4, 5, 6, 7, 9]
    assert "check digit" in lines[4][0]
    assert "in the future" in lines[5][0]
    assert "arrested" in lines[6][0]
    assert "YYYY-MM-DD" in lines[7][0]
    assert len(lines[9]) == 2  # both the reference and the number
    records = ExternalRecord.objects.order_by("source_ref")
    assert [(r.source_ref, r.kind, r.source, r.batch_id) for r in records] == [
        ("GA-1", "detention", "市公安局", batch.pk),
        ("GA-2", "death", "市公安局", batch.pk),
    ]

    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="rejection-line-4"' in text and 'id="rejection-line-9"' in text
    assert "in the future" in text and "GA-2" in text


def test_reimporting_the_same_file_writes_nothing(world) -> None:
    client = world.client_for(world.procurator_a)
    with time_machine.travel(IMPORT_DAY, tick=False):
        _upload(client, _file())
        first = list(ExternalRecord.objects.values_list("pk", "batch_id").order_by("pk"))
        _upload(client, _file())
    second = ImportBatch.objects.order_by("-pk").first()
    assert second is not None
    assert (second.rows_imported, second.rows_repeated, second.rows_rejected) == (0, 3, 5)
    assert list(ExternalRecord.objects.values_list("pk", "batch_id").order_by("pk")) == first


def test_the_same_reference_of_another_source_is_another_record(world) -> None:
    client = world.client_for(world.procurator_a)
    with time_machine.travel(IMPORT_DAY, tick=False):
        _upload(client, _file(), source="市公安局")
        _upload(client, _file(), source="区法院")
    assert ExternalRecord.objects.filter(source_ref="GA-1").count() == 2


def test_gb18030_and_a_chinese_header_are_read(world) -> None:
    content = (
        "来源编号,类别,身份证号,姓名,发生日期,机关,详情\r\n"
        f"FY-1,法院裁判,{GOOD_1},王五,2026-04-01,西湖区法院,判处有期徒刑一年\r\n"
    ).encode("gb18030")
    with time_machine.travel(IMPORT_DAY, tick=False):
        _upload(world.client_for(world.procurator_a), content)
    record = ExternalRecord.objects.get()
    assert (record.kind, record.name) == ("court_ruling", "王五")
    assert record.details == "判处有期徒刑一年"


def test_the_import_page_lists_its_batches_and_offers_the_template(world) -> None:
    client = world.client_for(world.procurator_a)
    with time_machine.travel(IMPORT_DAY, tick=False):
        _upload(client, _file())
    page = client.get(reverse("procuracy:imports_list"))
    text = page.content.decode()
    batch = ImportBatch.objects.get()
    assert page.status_code == 200
    assert f'id="batch-{batch.pk}"' in text and "ga.csv" in text
    assert 'id="import-form"' in text
    template = client.get(reverse("procuracy:imports_template"))
    assert template.status_code == 200
    assert template.content.decode("utf-8-sig").splitlines() == [
        "source_ref,kind,id_number,name,occurred_on,organ,details"
    ]
    home = client.get(reverse("cases:my_work")).content.decode()
    assert reverse("procuracy:imports_list") in home  # the navigation item
