from django.urls import path

from . import views

app_name = "public_info"

urlpatterns = [
    path("self-check/", views.self_check_page, name="self_check"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
]
