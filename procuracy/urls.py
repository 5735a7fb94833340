from django.urls import include, path

from . import lane

app_name = "procuracy"

# The parts of the procurator's lane (`procuracy.<part>`), route names prefixed with the part.
urlpatterns = [
    path("cases/<int:pk>/", lane.lane_page, name="lane"),
    path("", include("procuracy.receipt.urls")),
    path("", include("procuracy.review.urls")),
    path("", include("procuracy.rectification.urls")),
    path("", include("procuracy.anomalies.urls")),
    path("", include("procuracy.imports.urls")),
]
