"""Writing many rows at once with PostgreSQL's COPY.

Django's PostgreSQL backend binds parameters on the client: a bulk INSERT of a hundred
thousand rows quotes every value in Python, which cost more than the database's own work
(a recomputation of 10,000 deadlines spent two thirds of its time there). COPY streams the
rows through psycopg's C adapters instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows into `table` (a model's table or a temporary one: never input)."""
    names = ", ".join(columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
