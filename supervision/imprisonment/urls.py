"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_BASE = "cases/<int:pk>/community/imprisonment/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE + "receipt/", views.receipt, name="imprisonment_receipt"),
    path(_BASE + "decide/", views.decide, name="imprisonment_decide"),
    path(
        _BASE + "decisions/<int:decision_id>.pdf",
        views.document,
        name="imprisonment_document",
    ),
]
