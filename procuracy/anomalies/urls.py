"""Routes of this part, inside the `procuracy` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("anomalies/", views.dashboard, name="anomalies_dashboard"),
    path("anomalies/export.csv", views.export, name="anomalies_export"),
    path("anomalies/<slug:code>/", views.signal_cases, name="anomalies_signal"),
]
