"""Routes of this part, inside the `procuracy` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
