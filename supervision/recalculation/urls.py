"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_BASE = "cases/<int:pk>/community/recalculation/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE + "notice/", views.notice, name="recalculation_notice"),
    path(_BASE + "propose/", views.propose, name="recalculation_propose"),
    path(_BASE + "receipt/", views.receipt, name="recalculation_receipt"),
    path(_BASE + "rule/", views.rule, name="recalculation_rule"),
    path(_BASE + "documents/<int:document_id>.pdf", views.document, name="recalculation_document"),
]
