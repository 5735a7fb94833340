from django.urls import path

from . import views

app_name = "security"

urlpatterns = [path("", views.lockout_admin, name="lockouts")]
