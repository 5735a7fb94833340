"""Helpers of the tests of the public security organ executing bail or residential
surveillance on the court path (P2014 Arts 18 ¶2, 19; CCL Art 21 ¶2; issue 13): the organ, its
officer, and a court case granted on bail whose decision was sent to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.models import CourtProceeding
from cases.models import Case
from kernel.accounts.models import Organisation, ProcuratorialAssignment, User
from kernel.accounts.roles import Level, OrganisationType, Role
from tests.approvals.test_court_path import SH, Court, _consulted, _decide
from tests.cases.steps import PDF
from tests.factories import OrganisationFactory, UserFactory

RECEIVED = dt.datetime(2026, 3, 7, 9, tzinfo=SH)  # a Saturday: D-14 runs in calendar days
HANDED_OVER = dt.datetime(2026, 3, 10, 9, tzinfo=SH)


def executing_organ(cw: Court, name: str = "西湖区公安分局") -> Organisation:
    """A county public security bureau of the court's area, supervised at its level."""
    organ = OrganisationFactory(
        name=name,
        type=OrganisationType.COUNTY_PUBLIC_SECURITY,
        level=Level.COUNTY,
        region_code="330106",
    )
    ProcuratorialAssignment.objects.create(
        procuratorate=cw.proc_court, supervised=organ, mode=ProcuratorialAssignment.Mode.SAME_LEVEL
    )
    return organ


def officer_of(organ: Organisation, username: str = "ps_officer") -> User:
    user: User = UserFactory(
        username=username, organisation=organ, roles=[Role.PUBLIC_SECURITY_OFFICER]
    )
    return user


def granted_on_bail(
    world: Any, cw: Court, organ: Organisation, custody: str = CourtProceeding.Custody.BAIL
) -> Case:
    """The court grants to its defendant on bail executed by `organ` (T-A05)."""
    case = _consulted(world, cw, custody=custody, executing_organ=organ)
    _decide(cw, case)
    case.refresh_from_db()
    return case


def hand_over_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "expected_state": "approved",
        "handed_over_at": "2026-03-10T09:00",
        "place": "西湖区社区矫正中心",
        "institution_signatory": "西湖区公安分局 刘警官",
        "cci_signatory": "社区矫正工作人员 陈某",
        "documents": "暂予监外执行决定书",
        "condition": "",
        "signed_record": SimpleUploadedFile("交接.pdf", PDF, "application/pdf"),
    }
    data.update(overrides)
    return data


def at(moment: dt.datetime) -> Any:
    return time_machine.travel(moment, tick=False)
