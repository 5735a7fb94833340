"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_BASE = "cases/<int:pk>/community/custody/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE + "designate/", views.designate, name="custody_designate"),
    path(_BASE + "return/", views.return_record, name="custody_return"),
    path(_BASE + "abscond/", views.abscond, name="custody_abscond"),
    path(_BASE + "arrest/", views.arrest, name="custody_arrest"),
    path(_BASE + "report.pdf", views.report, name="custody_report"),
    path(_BASE + "report/receipt/", views.report_receipt, name="custody_report_receipt"),
]
