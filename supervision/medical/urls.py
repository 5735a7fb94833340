"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_CASE = "cases/<int:pk>/community/medical"

urlpatterns: list[URLPattern | URLResolver] = [
    path("medical/hospitals/", views.hospitals, name="medical_hospitals"),
    path(
        f"{_CASE}/postponements/",
        views.postponement_request,
        name="medical_postponement_request",
    ),
    path(
        f"{_CASE}/postponements/decide/",
        views.postponement_decide,
        name="medical_postponement_decide",
    ),
    path(f"{_CASE}/birth/", views.birth, name="medical_birth"),
    path(
        f"{_CASE}/reviews/<int:review_id>/record.pdf",
        views.review_record_pdf,
        name="medical_review_record",
    ),
]
