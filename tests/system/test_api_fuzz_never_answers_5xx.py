"""Schema-driven fuzzing of the whole API: no generated request gets a 5xx (issue #9 item 6).

Schemathesis reads the OpenAPI schema at /api/schema/ from the WSGI application and generates
requests for every operation (valid and invalid data alike), sent with a clerk's API token.
Examples are bounded and derandomised so CI is reproducible; state-changing operations run
inside the test's transaction and are rolled back with it. Only `not_a_server_error` is
checked: conformance of every 4xx body to the schema is not this test's concern.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token

from config.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]

EXAMPLES_PER_OPERATION = 30


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request; the test client
    prevents this, so do the same, or the test's transaction would be closed under it."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def catalogue(db) -> None:
    from cases.services.catalogue import catalogue_sync

    catalogue_sync()


def _fuzz(operation, headers: dict[str, str], tried: dict[str, int], errors: list[str]) -> None:
    label = f"{operation.method.upper()} {operation.path}"
    tried[label] = 0

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def fuzz(case: schemathesis.Case) -> None:
        tried[label] += 1
        response = case.call(headers=headers)
        if response.status_code >= 500:
            errors.append(f"{label} -> {response.status_code}: {case.as_curl_command()}")
        assert response.status_code < 500, errors[-1]

    fuzz()


def test_no_fuzzed_api_request_gets_a_server_error(world, catalogue, keep_test_connection) -> None:
    token = Token.objects.create(user=world.clerk_a)
    headers = {"Authorization": f"Token {token.key}"}
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", application, headers=headers
    )
    tried: dict[str, int] = {}
    server_errors: list[str] = []
    for result in schema.get_all_operations():
        _fuzz(result.ok(), headers, tried, server_errors)

    total = sum(tried.values())
    print(f"\nAPI fuzz: {len(tried)} operations, {total} requests, {len(server_errors)} 5xx")
    for label, count in sorted(tried.items()):
        print(f"  {label}: {count}")
    assert len(tried) >= 5  # cases, offenders, steps, eligibility, calendar at least
    assert server_errors == []
