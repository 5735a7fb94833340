"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_BASE = "cases/<int:pk>/community/discipline/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE + "praise/", views.praise, name="discipline_praise"),
    path(_BASE + "reprimand/", views.reprimand, name="discipline_reprimand"),
    path(_BASE + "warning/", views.warning, name="discipline_warning"),
    path(_BASE + "penalty-request/", views.penalty_request, name="discipline_penalty_request"),
    path(_BASE + "correction/", views.correction, name="discipline_correction"),
    path(
        _BASE + "monitoring/approve/",
        views.monitoring_approve,
        name="discipline_monitoring_approve",
    ),
    path(
        _BASE + "monitoring/extend/", views.monitoring_extend, name="discipline_monitoring_extend"
    ),
    path(_BASE + "monitoring/end/", views.monitoring_end, name="discipline_monitoring_end"),
    path(_BASE + "documents/<int:document_id>.pdf", views.document, name="discipline_document"),
]
