"""The benchmark's urlconf: the application's own URLs and, under `/bare/`, the bare
baselines of `bench/bare_views.py`. Only `bench/pages.py` mounts it (`ROOT_URLCONF`)."""

from django.urls import include, path

from . import bare_views

urlpatterns = [
    path("bare/cases/", bare_views.bare_case_list),
    path("bare/work/", bare_views.bare_my_work),
    path("bare/caseload/", bare_views.bare_caseload),
    path("bare/cases/<int:pk>/", bare_views.bare_case_page),
    path("", include("config.urls")),
]
