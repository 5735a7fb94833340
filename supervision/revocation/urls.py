"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_BASE = "cases/<int:pk>/community/revocation/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE + "propose/", views.propose, name="revocation_propose"),
    path(_BASE + "examine/", views.examine, name="revocation_examine"),
    path(_BASE + "suggest/", views.suggest, name="revocation_suggest"),
    path(_BASE + "documents/<int:document_id>.pdf", views.document, name="revocation_document"),
]
