from django.urls import path

from . import verification, views

app_name = "signing"

urlpatterns = [
    path("verify/", verification.verify, name="verify"),
    path("account/second-factor/", views.second_factor, name="second_factor"),
]
