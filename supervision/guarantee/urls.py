"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from .views import VIEWS

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"cases/<int:pk>/community/guarantee/{key}/", view, name=f"guarantee_{key}")
    for key, view in VIEWS.items()
]

from . import sections  # noqa: E402, F401  (registers the section on the community page)
