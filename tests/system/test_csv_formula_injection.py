"""A CSV download never hands a spreadsheet a formula to run (issue 9 item 8; CWE-1236)."""

from __future__ import annotations

import csv
import io

import pytest

from kernel.security.spreadsheet import SafeCsvWriter, neutralise_cell


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_cells_that_would_start_a_formula_are_quoted(cell) -> None:
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["张三", "浙狱暂〔2026〕001号", "2026-03-02", 7, None, ""])
def test_ordinary_cells_are_written_as_they_are(cell) -> None:
    assert neutralise_cell(cell) == cell


def test_writer_quotes_every_dangerous_cell_in_a_row() -> None:
    out = io.StringIO()
    SafeCsvWriter(out).writerow(["=cmd|' /C calc'!A0", "张三", "-1"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=cmd|' /C calc'!A0", "张三", "'-1"]


@pytest.mark.django_db
def test_case_export_neutralises_a_formula_in_a_case_number(world) -> None:
    from cases.models import Case

    Case.objects.filter(pk=world.case_a.pk).update(number='=HYPERLINK("http://evil")')
    body = world.client_for(world.clerk_a).get("/cases/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    numbers = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in numbers
    assert not any(number.startswith("=") for number in numbers)
