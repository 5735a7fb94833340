"""Pages of the imports: the list with the upload form, the CSV template, a batch, and the
records of other organs about one person."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.jurisdiction import CASE_ROLES
from cases.selectors import offender_get_for_user, offender_list_for_user
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest

from .forms import ImportForm
from .selectors import batch_get_for_user, batches_for_user, records_of_offender
from .services import FIELDS, ImportRefused, external_records_import, template_csv

#: Who imports records of other organs: procurators, for their procuratorate, and system
#: administrators.
IMPORT_ROLES = frozenset({Role.PROCURATOR, Role.SYSTEM_ADMIN})


@role_required(IMPORT_ROLES)
@require_http_methods(["GET", "POST"])
def imports_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = request.user.organisation
    if organisation is None:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file_name, content, rows = form.cleaned_data["file"]
        try:
            batch = external_records_import(
                actor=request.user,
                organisation=organisation,
                source=form.cleaned_data["source"],
                rows=rows,
                channel="csv",
                file_name=file_name,
                content=content,
            )
        except ImportRefused as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _(
                    "Imported %(imported)s records; %(repeated)s were already imported, "
                    "%(rejected)s rejected."
                )
                % {
                    "imported": batch.rows_imported,
                    "repeated": batch.rows_repeated,
                    "rejected": batch.rows_rejected,
                },
            )
            return redirect("procuracy:imports_batch", pk=batch.pk)
    page = Paginator(batches_for_user(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "procuracy/imports/list.html",
        {"form": form, "page": page, "fields": FIELDS},
        status=400 if request.method == "POST" else 200,
    )


@role_required(IMPORT_ROLES)
@require_http_methods(["GET"])
def imports_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="external-records-template.csv"'
    return response


@role_required(IMPORT_ROLES)
@require_http_methods(["GET"])
def imports_batch(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    batch = batch_get_for_user(user=request.user, pk=pk)
    records = list(batch.records.prefetch_related("offenders").order_by("id"))
    matched = {o.pk for r in records for o in r.offenders.all()}
    # Only the people this user may open are linked; the others are counted.
    visible = set(
        offender_list_for_user(user=request.user)
        .filter(pk__in=matched)
        .values_list("pk", flat=True)
    )
    rows = [
        {
            "record": r,
            "people": [o for o in r.offenders.all() if o.pk in visible],
            "matched": len(r.offenders.all()),
        }
        for r in records
    ]
    return render(request, "procuracy/imports/batch.html", {"batch": batch, "rows": rows})


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def offender_records(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offender = offender_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "procuracy/imports/offender_records.html",
        {"offender": offender, "records": records_of_offender(offender)},
    )
