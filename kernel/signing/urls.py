from django.urls import path

from . import verification, views

app_name = "signing"

urlpatterns = [
    path("verify/", verification.verify, name="verify"),
    path("account/second-factor/", views.second_factor, name="second_factor"),
    path("account/second-factors/", views.second_factor_user_list, name="second_factor_users"),
    path(
        "account/second-factors/<int:user_id>/reset/",
        views.second_factor_reset,
        name="second_factor_reset",
    ),
]
