"""Routes of this part, inside the `supervision` namespace (names prefixed with the part)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_BASE = "cases/<int:pk>/community/correction"

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{_BASE}/team/add/", views.team_add, name="correction_team_add"),
    path(f"{_BASE}/team/remove/", views.team_remove, name="correction_team_remove"),
    path(f"{_BASE}/plan/adopt/", views.plan_adopt, name="correction_plan_adopt"),
    path(f"{_BASE}/plan/adjust/", views.plan_adjust, name="correction_plan_adjust"),
    path(f"{_BASE}/verification/", views.verification, name="correction_verification"),
]
