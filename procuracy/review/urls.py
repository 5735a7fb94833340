"""Routes of this part, inside the `procuracy` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import hospital, views

_BASE = "cases/<int:pk>/review/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE + "attendance/", views.attendance, name="review_attendance"),
    path(_BASE + "decision/", views.decision_review, name="review_decision"),
    path(_BASE + "report-up/", views.report_up, name="review_report_up"),
    path(_BASE + "report-decide/", views.report_decide, name="review_report_decide"),
    path(_BASE + "reexamination/", views.reexamination, name="review_reexamination"),
    path(_BASE + "files/", views.files, name="review_files"),
    path(_BASE + "reassessment/", views.reassessment, name="review_reassessment"),
    path(
        _BASE + "reassessment-result/",
        views.reassessment_result,
        name="review_reassessment_result",
    ),
    # The designated hospital's inbox and its requests (issue 13).
    path("hospital-requests/", hospital.hospital_requests, name="review_hospital_requests"),
    path(
        "hospital-requests/<int:pk>/",
        hospital.hospital_request,
        name="review_hospital_request",
    ),
    path(
        "hospital-requests/<str:kind>/<int:pk>/scan/",
        hospital.hospital_scan,
        name="review_hospital_scan",
    ),
]
