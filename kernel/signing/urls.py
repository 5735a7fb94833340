from django.urls import path

from . import views

app_name = "signing"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("account/second-factor/", views.second_factor, name="second_factor"),
]
