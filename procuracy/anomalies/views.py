"""The anomaly dashboard of the procuratorate's jurisdiction (法律监督模型), the cases behind
each signal, and the export for a report."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.models import Case
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.audit.services import audit_record
from kernel.http import AuthenticatedHttpRequest
from kernel.security.spreadsheet import SafeCsvWriter
from kernel.templatetags.legal import cite

from .selectors import dashboard_counts, flagged_cases, trend_series
from .signals import SIGNALS

#: Who reads the dashboard: the procurators of the jurisdiction.
DASHBOARD_ROLES = frozenset({Role.PROCURATOR})
PAGE_SIZE = 50


@role_required(DASHBOARD_ROLES)
@require_http_methods(["GET"])
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    stages = dashboard_counts(request.user, today)
    return render(
        request,
        "procuracy/anomalies/dashboard.html",
        {"stages": stages, "today": today, "trend": trend_series(stages)},
    )


@role_required(DASHBOARD_ROLES)
@require_http_methods(["GET"])
def signal_cases(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    signal = SIGNALS.get(code)
    if signal is None:
        raise Http404
    today = timezone.localdate()
    page = Paginator(flagged_cases(signal, request.user, today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    if signal.detail is not None:
        # What the signal says of each case of the page (one query for the page).
        cases = list(page.object_list)
        details = signal.detail(Case.objects.filter(pk__in=[c.pk for c in cases]), today)
        for case in cases:
            case.anomaly_detail = details.get(case.pk, "")  # type: ignore[attr-defined]
        page.object_list = cases
    return render(
        request,
        "procuracy/anomalies/signal.html",
        {
            "signal": signal,
            "page": page,
            "today": today,
            "query": "",
            "detailed": signal.detail is not None,
        },
    )


@role_required(DASHBOARD_ROLES)
@require_http_methods(["GET"])
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every signal with its count and the cases behind it, as CSV for a report."""
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anomalies-{today.isoformat()}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Chinese correctly with a BOM.
    writer = SafeCsvWriter(response)
    writer.writerow(
        [_("Signal"), _("Article"), _("Cases"), _("Case number"), _("Offender"), _("Opened on")]
    )
    total = 0
    for _stage, _title, entries in dashboard_counts(request.user, today):
        for entry in entries:
            signal = entry.signal
            writer.writerow([str(signal.title), cite(signal.article), entry.count, "", "", ""])
            if not entry.count:
                continue
            for case in flagged_cases(signal, request.user, today).iterator(chunk_size=2000):
                writer.writerow(
                    ["", "", "", case.number, case.offender.name, case.opened_on.isoformat()]
                )
                total += 1
    with transaction.atomic():
        audit_record(actor=request.user, action="anomalies.exported", payload={"rows": total})
    return response
