"""`/verify/`: anyone, signed in or not, may check the digital signature of a PDF they received."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .forms import VerifyUploadForm
from .pdf import pdf_verify


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not, may check the digital signature of a PDF they received."""
    report = None
    status = 200
    if request.method == "POST":
        form = VerifyUploadForm(request.POST, request.FILES)
        if form.is_valid():
            report = pdf_verify(form.cleaned_data["file"])
        else:
            status = 400
    else:
        form = VerifyUploadForm()
    return render(request, "signing/verify.html", {"form": form, "report": report}, status=status)
