"""Every declared act in the REST API, generated from its declaration (issue 10 item 3).

For each act in `cases.acts.registry.ACTS`:

    POST /api/v1/cases/{id}/acts/<act.name>/      (URL name `api:act-<act.name>`)

The body is the act's `params` serializer plus `expected_state` (required when the act fires a
transition: a request made for another state is refused as stale, 409). The case is found
through the user's jurisdiction (`case_get_for_user`: 404 outside it), the body is validated
(400 with field errors), and `act_run` takes the act: refusals answer as on the pages
(`kernel.refusals.refusal_of` through `kernel.api.exception_handler`: 400 with every
requirement and its article, 403 naming who may act, 409 stale). The answer is the act's
`result` serializer of what the act returned, or the case. Every POST honours
`Idempotency-Key` (`kernel.idempotency`).

    GET /api/v1/cases/{id}/acts/                   (URL name `api:case-acts`)

lists every act with whether the user may take it on the case now (`act_allowed`) and, when
so, what the law still requires (`act_missing`): what a client may offer, from the same
declarations as the pages.

Nothing here names an act: an act registered by any app gets its endpoint, its schema entry
and its row in the jurisdiction battery without further wiring.
"""

from __future__ import annotations

import inspect
from typing import Any, cast

from django.urls import URLPattern, path, reverse
from django.utils import translation
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.accounts.permissions import has_any_role
from kernel.api import RequirementSerializer, refusal_responses
from kernel.http import AuthenticatedRequest
from kernel.idempotency.services import IDEMPOTENCY_KEY_PARAMETER, idempotent

from ..api import CaseSerializer
from ..jurisdiction import CASE_ROLES
from ..models import Case, CaseState
from ..selectors import case_get_for_user
from .declaration import Act
from .registry import ACTS
from .runner import act_allowed, act_missing, act_run

TAG = "acts"


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _english(text: object) -> str:
    with translation.override("en"):
        return str(text)


def act_source_states(act: Act) -> list[str]:
    """The states the act may be taken in: the transition's sources, or the declared states."""
    if act.transition is None:
        return sorted(act.states or ())
    meta = getattr(getattr(Case, act.transition), "_django_fsm", None)
    sources = list(meta.transitions) if meta is not None else []
    return [str(s) for s in sources if s in CaseState.values]


def act_request_serializer(act: Act) -> type[serializers.Serializer[Any]]:
    """The act's `params` with `expected_state`, named after the act (one schema component
    per act, even where acts share their params)."""
    states = act_source_states(act)
    expected_state = serializers.ChoiceField(
        choices=CaseState.choices,
        required=act.transition is not None,
        help_text=(
            "The state the client saw (the act may be taken in: "
            f"{', '.join(states) or 'any state'}); a different current state is a 409 "
            "conflict." + ("" if act.transition else " Optional for this act.")
        ),
    )
    base = act.params or serializers.Serializer
    attrs: dict[str, Any] = {
        "expected_state": expected_state,
        "__module__": __name__,
        "__doc__": f"The body of “{_english(act.label)}”.",
    }
    meta = getattr(base, "Meta", None)
    fields = getattr(meta, "fields", None)
    if meta is not None and isinstance(fields, list | tuple):
        # A ModelSerializer lists its fields: the added one must be listed too.
        attrs["Meta"] = type("Meta", (meta,), {"fields": [*fields, "expected_state"]})
    return cast(
        type[serializers.Serializer[Any]], type(f"{_camel(act.name)}ActRequest", (base,), attrs)
    )


def _has_file(serializer_class: type[serializers.Serializer[Any]]) -> bool:
    return any(isinstance(f, serializers.FileField) for f in serializer_class().fields.values())


def _description(act: Act) -> str:
    text = act.description or inspect.getdoc(act.effects) or ""
    where = (
        f"Fires the transition `{act.transition}` from {', '.join(act_source_states(act))}."
        if act.transition
        else f"Taken while the case is {', '.join(act_source_states(act))}."
    )
    return (
        f"{text}\n\n**{act.article}**. {where}\n\n"
        "400: the law does not allow it yet (every unmet requirement with its article) or the "
        "body is wrong; 403: you may see the case but not take this act (the message names "
        "who may); 404: the case is not in your jurisdiction; 409: the case changed since "
        "`expected_state`."
    ).strip()


def _example(act: Act) -> list[OpenApiExample]:
    value = dict(act.example or {})
    states = act_source_states(act)
    if "expected_state" not in value and states:
        value["expected_state"] = states[0]
    if not value:
        return []
    return [OpenApiExample(_english(act.label), value=value, request_only=True)]


def act_take(
    act: Act, body_class: type[serializers.Serializer[Any]], request: AuthenticatedRequest, pk: int
) -> Response:
    """Look the case up in the user's jurisdiction, validate the body, run the act."""
    case = case_get_for_user(user=request.user, pk=pk)
    context = {"request": request, "case": case}
    body = body_class(data=request.data, context=context)
    body.is_valid(raise_exception=True)
    params = dict(body.validated_data)
    expected_state = params.pop("expected_state", None)
    result = act_run(
        act, case_id=case.pk, actor=request.user, expected_state=expected_state, **params
    )
    if act.result is not None and not isinstance(result, Case):
        return Response(act.result(result, context=context).data)
    if not isinstance(result, Case):
        case.refresh_from_db()
        result = case
    return Response(CaseSerializer(result, context=context).data)


def act_view(act: Act) -> type[APIView]:
    """The POST endpoint of one act, with its OpenAPI description."""
    body_class = act_request_serializer(act)
    schema = extend_schema(
        operation_id=f"case_act_{act.name}",
        summary=_english(act.label),
        description=_description(act),
        request=body_class,
        responses=refusal_responses(act.result or CaseSerializer),
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        examples=_example(act),
        tags=[TAG],
    )

    @schema
    @idempotent
    def post(self: APIView, request: Request, pk: int) -> Response:
        return act_take(act, body_class, cast(AuthenticatedRequest, request), pk)

    attrs: dict[str, Any] = {
        "__module__": __name__,
        "__doc__": f"{_english(act.label)} ({act.article}).",
        "permission_classes": [has_any_role(CASE_ROLES)],
        "post": post,
    }
    if _has_file(body_class):
        attrs["parser_classes"] = [MultiPartParser, FormParser]
    return type(f"{_camel(act.name)}ActView", (APIView,), attrs)


class ActOfferSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    article = serializers.CharField()
    allowed = serializers.BooleanField(
        help_text="You may take the act on the case as it is now (its requirements aside)."
    )
    missing = RequirementSerializer(
        many=True, help_text="What the law still requires first (only for allowed acts)."
    )
    url = serializers.CharField(help_text="Where to POST the act.")


class CaseActsView(APIView):
    """The acts of every path, and which of them the user may take on the case now."""

    permission_classes = [has_any_role(CASE_ROLES)]

    @extend_schema(
        operation_id="case_acts_list",
        summary="The acts you may take on this case now",
        description=(
            "Every declared act, with `allowed` (you may take it on the case as it is now) "
            "and, for allowed acts, `missing`: every requirement the law still sets, with its "
            "article. The same declarations decide what the case page offers."
        ),
        responses={200: ActOfferSerializer(many=True)},
        tags=[TAG],
    )
    def get(self, request: Request, pk: int) -> Response:
        user = cast(AuthenticatedRequest, request).user
        case = case_get_for_user(user=user, pk=pk)
        offers = []
        for act in ACTS.values():
            allowed = act_allowed(act, user, case)
            missing = act_missing(act, case, actor=user) if allowed else []
            offers.append(
                {
                    "name": act.name,
                    "label": str(act.label),
                    "article": act.article,
                    "allowed": allowed,
                    "missing": [{"article": r.article, "message": str(r.message)} for r in missing],
                    "url": reverse(f"api:act-{act.name}", kwargs={"pk": case.pk}),
                }
            )
        return Response(ActOfferSerializer(offers, many=True).data)


def act_urlpatterns() -> list[URLPattern]:
    """The listing and one endpoint per registered act; built when the URLconf is imported,
    after every app's `ready()` has registered its acts."""
    return [
        path("cases/<int:pk>/acts/", CaseActsView.as_view(), name="case-acts"),
        *(
            path(
                f"cases/<int:pk>/acts/{act.name}/",
                act_view(act).as_view(),
                name=f"act-{act.name}",
            )
            for act in ACTS.values()
        ),
    ]
