"""Routes of this part, inside the `procuracy` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("inbox/", views.inbox, name="receipt_inbox"),
    path("cases/<int:pk>/receipt/copy/", views.copy_acknowledge, name="receipt_copy_acknowledge"),
    path(
        "cases/<int:pk>/receipt/record/",
        views.record_acknowledge,
        name="receipt_record_acknowledge",
    ),
    path(
        "cases/<int:pk>/receipt/decision/",
        views.delivery_acknowledge,
        name="receipt_delivery_acknowledge",
    ),
]
