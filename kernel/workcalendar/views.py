"""The clerk-facing deadline calculator and the administrator's calendar screens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role

from .clock import CalendarNotLoaded, Unit, add_calendar_days, add_months, add_working_days
from .forms import CalendarYearImportForm, DeadlineCalculatorForm
from .models import CalendarYear, OfficialDay
from .services import calendar_load, calendar_year_replace, parse_calendar_csv

_COMPUTE = {
    Unit.WORKING_DAYS.value: lambda cal, start, n, custody: add_working_days(cal, start, n),
    Unit.CALENDAR_DAYS.value: lambda cal, start, n, custody: add_calendar_days(
        cal, start, n, in_custody=custody
    ),
    Unit.MONTHS.value: lambda cal, start, n, custody: add_months(cal, start, n, in_custody=custody),
}


@login_required
@require_http_methods(["GET"])
def calculator(request: HttpRequest) -> HttpResponse:
    form = DeadlineCalculatorForm(request.GET or None)
    result = error = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = _COMPUTE[data["unit"]](
                calendar_load(), data["start"], data["amount"], data["in_custody"]
            )
        except CalendarNotLoaded as exc:
            error = _(
                "The official working-day calendar for %(year)s is not loaded, so this "
                "deadline cannot be computed. Ask the system administrator to enter the State "
                "Council's schedule for %(year)s."
            ) % {"year": exc.year}
    return render(
        request, "workcalendar/calculator.html", {"form": form, "result": result, "error": error}
    )


_ADMIN = [Role.SYSTEM_ADMIN]


@role_required(_ADMIN)
@require_http_methods(["GET"])
def year_list(request: HttpRequest) -> HttpResponse:
    years = CalendarYear.objects.all()
    return render(request, "workcalendar/year_list.html", {"years": years})


@role_required(_ADMIN)
@require_http_methods(["GET"])
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    calendar_year = CalendarYear.objects.filter(year=year).first()
    if calendar_year is None:
        raise Http404
    days = OfficialDay.objects.filter(date__year=year)
    return render(
        request, "workcalendar/year_detail.html", {"calendar_year": calendar_year, "days": days}
    )


@role_required(_ADMIN)
@require_http_methods(["GET", "POST"])
def year_import(request: HttpRequest) -> HttpResponse:
    form = CalendarYearImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            days = parse_calendar_csv(data["content"], year=data["year"])
            calendar_year_replace(
                year=data["year"],
                source_notice=data["source_notice"],
                days=days,
                actor=request.user,
                published_on=data["published_on"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The %(year)s schedule is loaded: %(count)s official days.")
                % {"year": data["year"], "count": len(days)},
            )
            return redirect("workcalendar:year_detail", year=data["year"])
    # A refused import answers 400 with the form and its errors, never 200 (as the offender
    # form does): the status tells clients and tests that nothing was loaded.
    return render(
        request,
        "workcalendar/year_import.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
