"""Routes of this part, inside the `procuracy` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_BASE = "cases/<int:pk>/rectification/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE + "oral/", views.oral, name="rectification_oral"),
    path(_BASE + "correction/", views.correction, name="rectification_correction"),
    path(_BASE + "written/", views.written, name="rectification_written"),
    path(_BASE + "reply/", views.reply, name="rectification_reply"),
    path(_BASE + "suggestion/", views.suggestion, name="rectification_suggestion"),
    path(
        _BASE + "suggestion/reply/", views.suggestion_reply, name="rectification_suggestion_reply"
    ),
    path(_BASE + "documents/<int:document_id>.pdf", views.document, name="rectification_document"),
]
