"""The court path's screens (P2014 Arts 17-19; legal-spec §3.3)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
