"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_BASE = "cases/<int:pk>/community/new-crime/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_BASE + "measure/", views.measure, name="newcrime_measure"),
    path(_BASE + "judgment/", views.judgment, name="newcrime_judgment"),
    path(_BASE + "close/", views.close, name="newcrime_close"),
]
