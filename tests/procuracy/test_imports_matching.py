"""A record of another organ is matched to every person with its identity number (one per
custodian registry); each match is an audit event on the person and, for a person under
community supervision, a notice to the CCI's officers and the case's procuratorate."""

from __future__ import annotations

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from cases.jurisdiction import Capacity
from kernel.audit.models import AuditEvent
from kernel.notices.models import Notice
from procuracy.imports.models import ExternalRecord
from procuracy.imports.services import ImportRow, external_records_import
from tests.conftest import _register
from tests.factories import identity_number

from .imports_helpers import (  # noqa: F401  (fixtures)
    IMPORT_DAY,
    approved,
    proposed,
    received,
    supervised,
)

#: The delivery keys of the notices of a match.
OURS = "external-record:"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _import(world, *rows: dict[str, str], source: str = "市公安局"):
    with time_machine.travel(IMPORT_DAY, tick=False):
        return external_records_import(
            actor=world.procurator_a,
            organisation=world.proc_a,
            source=source,
            rows=[ImportRow(n, row) for n, row in enumerate(rows, start=2)],
            channel="api",
        )


def _row(id_number: str, kind: str = "detention", ref: str = "GA-1") -> dict[str, str]:
    return {
        "source_ref": ref,
        "kind": kind,
        "id_number": id_number,
        "name": "张三",
        "occurred_on": "2026-04-08",
        "organ": "西湖分局",
        "details": "刑事拘留",
    }


def test_a_detention_links_both_registries_and_notifies_the_cci_and_procuratorate(
    world,
    supervised,  # noqa: F811
) -> None:
    offender = supervised.offender
    # The same person registered at a second institution (another custodian registry).
    again = _register(world.clerk_b, "张三", 11)
    assert again.id_number == offender.id_number and again.pk != offender.pk

    batch = _import(world, _row(offender.id_number))

    record = ExternalRecord.objects.get(batch=batch)
    assert set(record.offenders.all()) == {offender, again}
    assert record.matched_at is not None
    events = AuditEvent.objects.filter(action="external_record.matched")
    assert {(e.object_type, e.object_id) for e in events} == {
        ("cases.Offender", str(offender.pk)),
        ("cases.Offender", str(again.pk)),
    }
    officer_notice = Notice.objects.get(recipient=world.officer, delivery_key__startswith=OURS)
    assert "T-S01" in officer_notice.subject and "张三" in officer_notice.subject
    assert officer_notice.link == reverse("supervision:community", kwargs={"pk": supervised.pk})
    procuratorates = supervised.participants.filter(capacity=Capacity.PROCURATORATE)
    procurators = Notice.objects.filter(
        recipient__organisation__in=[p.organisation_id for p in procuratorates],
        delivery_key__startswith=OURS,
    )
    assert procurators.exists()
    assert all(
        n.link == reverse("procuracy:lane", kwargs={"pk": supervised.pk}) for n in procurators
    )


def test_a_death_asks_them_to_record_the_death(world, supervised) -> None:  # noqa: F811
    _import(world, _row(supervised.offender.id_number, kind="死亡", ref="SW-1"))
    notice = Notice.objects.get(recipient=world.officer, delivery_key__startswith=OURS)
    assert "death" in notice.subject and "P2014 Art 28" in notice.subject


def test_a_person_not_under_supervision_is_linked_without_a_notice(world) -> None:
    _import(world, _row(world.offender_b.id_number))
    assert list(ExternalRecord.objects.get().offenders.all()) == [world.offender_b]
    assert not Notice.objects.filter(delivery_key__startswith=OURS).exists()


def test_reimport_neither_links_nor_notifies_twice(world, supervised) -> None:  # noqa: F811
    _import(world, _row(supervised.offender.id_number))
    _import(world, _row(supervised.offender.id_number))
    assert ExternalRecord.objects.count() == 1
    assert AuditEvent.objects.filter(action="external_record.matched").count() == 1
    assert (
        Notice.objects.filter(recipient=world.officer, delivery_key__startswith=OURS).count() == 1
    )


def test_a_person_registered_later_is_matched_by_the_command(world) -> None:
    number = identity_number(sequence=901)
    _import(world, _row(number))
    record = ExternalRecord.objects.get()
    assert record.matched_at is None and not record.offenders.exists()
    late = _register(world.clerk_a, "孙八", 901)
    call_command("external_records_match", stdout=open("/dev/null", "w"))  # noqa: SIM115
    record.refresh_from_db()
    assert list(record.offenders.all()) == [late] and record.matched_at is not None
    call_command("external_records_match", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert AuditEvent.objects.filter(action="external_record.matched").count() == 1


def test_the_person_page_and_the_lane_show_the_records(world, supervised) -> None:  # noqa: F811
    _import(world, _row(supervised.offender.id_number))
    record = ExternalRecord.objects.get()
    for user in (world.officer, world.procurator_a, world.clerk_a):
        client = world.client_for(user)
        url = reverse("procuracy:imports_offender_records", kwargs={"pk": supervised.offender.pk})
        page = client.get(url)
        assert page.status_code == 200, user
        assert f'id="external-record-{record.pk}"' in page.content.decode()
    lane = world.client_for(world.procurator_a).get(
        reverse("procuracy:lane", kwargs={"pk": supervised.pk})
    )
    text = lane.content.decode()
    assert 'id="section-imports"' in text and f'id="external-record-{record.pk}"' in text
    assert "西湖分局" in text


def test_who_does_not_see_the_case_does_not_see_the_records(world, supervised) -> None:  # noqa: F811
    _import(world, _row(supervised.offender.id_number))
    url = reverse("procuracy:imports_offender_records", kwargs={"pk": supervised.offender.pk})
    assert world.client_for(world.procurator_b).get(url).status_code == 404
    assert world.client_for(world.clerk_b).get(url).status_code == 404
