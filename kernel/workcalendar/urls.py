from django.urls import path

from . import views

app_name = "workcalendar"

urlpatterns = [
    path("deadline-calculator/", views.calculator, name="calculator"),
    path("years/", views.year_list, name="year_list"),
    path("years/import/", views.year_import, name="year_import"),
    path("years/<int:year>/", views.year_detail, name="year_detail"),
]
