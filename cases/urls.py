from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/export.csv", views.case_export, name="case_export"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("offenders/", views.offender_list, name="offender_list"),
    path("offenders/new/", views.offender_create, name="offender_create"),
    path("offenders/<int:pk>/", views.offender_detail, name="offender_detail"),
    path("offenders/<int:pk>/commutations/", views.commutation_create, name="commutation_create"),
]
