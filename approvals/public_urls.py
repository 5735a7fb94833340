from django.urls import path

from . import public_views

app_name = "public"

urlpatterns = [
    path("", public_views.publication_list, name="list"),
    path("<int:pk>/", public_views.publication_detail, name="detail"),
    path("feed.atom", public_views.PublicationFeed(), name="atom"),
    path("feed.json", public_views.publication_json, name="json"),
]
