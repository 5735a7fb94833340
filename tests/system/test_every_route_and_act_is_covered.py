"""Every declared act has an API endpoint, and every route is in the jurisdiction battery
(issue 10 "Must show"; house style "Legal acts as declarations").

The test walks the act registry (`cases.acts.registry.ACTS`), the OpenAPI schema
(drf-spectacular) and the URL resolver. It fails when an act has no POST path in the schema,
or its path lacks the parts a client relies on (`expected_state` when the act fires a
transition, the `Idempotency-Key` header, the refusal answers); and when a named route,
generated act routes included, is neither visited by the two-province battery
(`tests/system/test_two_province_battery.py`) nor listed there with its reason.
"""

from __future__ import annotations

import re

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from cases.acts.registry import ACTS
from tests.system.test_two_province_battery import (
    NOT_PROVINCIAL,
    _route_names,
    unvisited_route_names,
    visited_route_names,
)


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _act_path(name: str) -> str:
    return f"/api/v1/cases/{{id}}/acts/{name}/"


def test_acts_are_declared() -> None:
    assert len(ACTS) >= 14  # the proposal procedure at least


def test_every_act_has_a_post_endpoint_in_the_api_schema(schema) -> None:
    paths = schema["paths"]
    missing = [name for name in ACTS if "post" not in paths.get(_act_path(name), {})]
    assert not missing, f"acts without an API endpoint: {missing}"


def test_every_act_endpoint_describes_its_body_refusals_and_idempotency_key(schema) -> None:
    components = schema["components"]["schemas"]
    problems = []
    for name, act in ACTS.items():
        operation = schema["paths"][_act_path(name)]["post"]
        with translation.override("en"):
            label = str(act.label)
        if operation.get("summary") != label:
            problems.append(f"{name}: the summary is not the act's label {label!r}")
        if act.article not in operation.get("description", ""):
            problems.append(f"{name}: the description does not name {act.article}")
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        if "Idempotency-Key" not in headers:
            problems.append(f"{name}: no Idempotency-Key header")
        for status in ("200", "400", "403", "404", "409"):
            if status not in operation["responses"]:
                problems.append(f"{name}: no {status} answer")
        content = operation["requestBody"]["content"]
        ref = next(iter(content.values()))["schema"]["$ref"].rsplit("/", 1)[-1]
        body = components[ref]
        if "expected_state" not in body["properties"]:
            problems.append(f"{name}: no expected_state in the body")
        if act.transition and "expected_state" not in body.get("required", []):
            problems.append(f"{name}: expected_state is not required")
    assert not problems, problems


def test_every_act_route_is_named_from_its_act() -> None:
    for name in ACTS:
        assert reverse(f"api:act-{name}", kwargs={"pk": 1}) == f"/api/v1/cases/1/acts/{name}/"


def test_every_route_is_visited_by_the_jurisdiction_battery_or_excused() -> None:
    assert not unvisited_route_names(), (
        "routes neither visited by the two-province battery nor listed in its NOT_PROVINCIAL: "
        f"{sorted(unvisited_route_names())}"
    )


def test_every_act_route_is_visited_by_the_jurisdiction_battery() -> None:
    visited = visited_route_names()
    unvisited = [name for name in ACTS if f"api:act-{name}" not in visited]
    assert not unvisited, f"act endpoints the battery does not visit: {unvisited}"
    assert not {f"api:act-{name}" for name in ACTS} & set(NOT_PROVINCIAL)


def test_every_api_path_in_the_schema_is_a_route_the_battery_knows(schema) -> None:
    """The schema and the resolver agree: no API operation escapes the route enumeration."""
    known = _route_names()
    unnamed = []
    for api_path in schema["paths"]:
        name = None
        for value in ("1", "screen"):
            try:
                match = resolve(re.sub(r"\{[^}]+\}", value, api_path))
            except Resolver404:
                continue
            name = ":".join([*match.namespaces, match.url_name or ""])
            break
        if name not in known:
            unnamed.append(api_path)
    assert not unnamed, f"API paths without a named route: {unnamed}"
