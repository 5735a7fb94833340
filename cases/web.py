"""One way for a screen to run a workflow service and answer (legal-spec §3; house style:
views are thin). A stale page gets 409 and the case as it now is; a refusal the law makes gets
400 with each article; bad input gets 400 with the clerk's message; success goes back to the
page with a confirmation. The case is left as it was by the service's own transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kernel.refusals import StaleState, TransitionRefused, refusal_of

from .models import Case


def run_service(
    request: HttpRequest,
    case: Case,
    action: Callable[[], object],
    *,
    done: str | Callable[[Any], str],
    success_url: str,
    page: Callable[[int], HttpResponse],
    conflict_page: Callable[[int], HttpResponse] | None = None,
) -> HttpResponse:
    """Run `action`; `page(status)` draws the screen again after a refusal, `conflict_page`
    (default `page`) after a conflict, once the case is reloaded. `done` is the confirmation,
    or makes it from the action's result (e.g. the number of the decision issued)."""
    try:
        result = action()
    except (StaleState, TransitionRefused, ValidationError) as exc:
        refusal = refusal_of(exc)
        assert refusal is not None
        for message in refusal.messages:
            messages.error(request, message)
        if refusal.status == 409:
            case.refresh_from_db()
            return (conflict_page or page)(409)
        return page(refusal.status)
    messages.success(request, done(result) if callable(done) else done)
    return redirect(success_url)
