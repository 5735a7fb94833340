"""CSV downloads that a spreadsheet cannot turn into formulas (CWE-1236).

A cell beginning with = + - @ (or a tab or carriage return, which some spreadsheets strip
before reading the rest) is run as a formula when the file is opened in Excel or WPS. An
offender's name or an address typed by anyone could then run a command on the reader's
computer. Such cells are written with a leading apostrophe, which shows the text as typed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def neutralise_cell(value: object) -> object:
    """The value as a spreadsheet should show it: text that would start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer whose rows go through `neutralise_cell`."""

    def __init__(self, stream: _Writable) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow([neutralise_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)
