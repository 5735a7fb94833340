"""The public pages beside the published decisions: no login, nothing personal kept."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases import eligibility as engine

from .selfcheck import SelfCheckForm, finding_text, length_text, self_check, steps
from .statistics import public_statistics


@never_cache
@require_http_methods(["GET"])
def self_check_page(request: HttpRequest) -> HttpResponse:
    """The guide and the questionnaire. The answers live only in this request: no model, no
    session, no log; `Cache-Control: no-store` keeps them out of shared caches."""
    form = SelfCheckForm(request.GET or None)
    answer = None
    if form.is_bound and form.is_valid():
        try:
            answer = self_check(form.cleaned_data)
        except engine.ImpossibleProfile as exc:
            form.add_error(None, exc.lazy_message)
    return render(
        request,
        "approvals/public/self_check.html",
        {
            "form": form,
            "answer": answer,
            "findings": [(finding_text(r), r.article) for r in answer.deciding] if answer else [],
            "steps": [(step, length_text(step.kind) if step.kind else "") for step in steps()],
        },
    )


@require_http_methods(["GET"])
def statistics_page(request: HttpRequest) -> HttpResponse:
    stats = public_statistics()
    charts = []
    for table in stats.tables:
        if table.key not in ("province", "month"):
            continue
        shown = [(label, cells["applications"]) for _key, label, cells in table.rows]
        top = max((c.value or 0 for _l, c in shown), default=0) or 1
        charts.append(
            {
                "title": table.title,
                "height": 24 * len(shown) + 8,
                "bars": [
                    {
                        "label": label,
                        "cell": c,
                        "y": 24 * i + 4,
                        "text_y": 24 * i + 20,
                        "width": int(300 * (c.value or 0) / top),
                    }
                    for i, (label, c) in enumerate(shown)
                ],
            }
        )
    return render(
        request,
        "approvals/public/statistics.html",
        {"stats": stats, "charts": charts},
    )


@require_http_methods(["GET"])
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The figures as CSV, long format: table, row, measure, value. A suppressed cell reads
    "<N"; a total leaves suppressed cells out and reads "≥n" when it does."""
    stats = public_statistics()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="teop-statistics.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("table"), _("row"), _("measure"), _("value")])
    for table in stats.tables:
        for key, _label, cells in table.rows:
            for column in table.columns:
                writer.writerow([table.key, key, column, str(cells[column])])
        if table.totals:
            for column in table.columns:
                writer.writerow([table.key, "total", column, str(table.totals[column])])
    writer.writerow([])
    writer.writerow(
        [
            _("Counts from 1 to %(n)s are shown as <%(m)s and left out of every total.")
            % {"n": stats.min_cell - 1, "m": stats.min_cell}
        ]
    )
    return response
