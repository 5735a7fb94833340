"""Routes of this part, inside the `procuracy` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("imports/", views.imports_list, name="imports_list"),
    path("imports/template.csv", views.imports_template, name="imports_template"),
    path("imports/<int:pk>/", views.imports_batch, name="imports_batch"),
    path("offenders/<int:pk>/records/", views.offender_records, name="imports_offender_records"),
]
