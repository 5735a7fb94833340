"""Helpers of the imports tests: CSV files and the rows they hold."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.factories import identity_number
from tests.supervision.conftest import approved, received, supervised  # noqa: F401  (fixtures)

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
#: After the person of case A is received into community correction (31 March 2026).
IMPORT_DAY = dt.datetime(2026, 4, 10, 10, tzinfo=SH)
HEADER = "source_ref,kind,id_number,name,occurred_on,organ,details"


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode(encoding)


def bad_checksum(sequence: int) -> str:
    good = identity_number(sequence=sequence)
    return good[:17] + ("0" if good[17] != "0" else "1")
