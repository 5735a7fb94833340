"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("caseload/", views.caseload, name="caseload"),
    path("reviews/", views.reviews, name="caseload_reviews"),
    path(
        "cases/<int:pk>/community/caseload/documents/<int:document_id>/",
        views.document,
        name="caseload_document",
    ),
]
