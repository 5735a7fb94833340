"""The court path's screens (P2014 Arts 17-19; legal-spec §3.3)."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("court/", views.court_defendants, name="court_defendants"),
    path("court/offenders/<int:offender_pk>/open/", views.court_open, name="court_open"),
    path("court/cases/<int:pk>/", views.court_case, name="court_case"),
    path("court/cases/<int:pk>/advance/", views.court_step, name="court_advance"),
    path("court/cases/<int:pk>/eligibility/", views.court_eligibility, name="court_eligibility"),
    path("court/cases/<int:pk>/records/<str:kind>/", views.court_record, name="court_record"),
    path("court/cases/<int:pk>/consult/", views.court_consult, name="court_consult"),
    path("court/cases/<int:pk>/reply/", views.court_reply, name="court_reply"),
    path("court/cases/<int:pk>/decide/", views.court_decision, name="court_decide"),
    path("court/cases/<int:pk>/served/", views.court_served, name="court_served"),
    path(
        "court/cases/<int:pk>/investigation/entrust/",
        views.court_investigation_entrust_view,
        name="court_investigation_entrust",
    ),
    path(
        "court/cases/<int:pk>/investigation/",
        views.court_investigation,
        name="court_investigation",
    ),
    path("court/investigations/", views.court_investigations, name="court_investigations"),
    path(
        "court/cases/<int:pk>/deliveries/<int:delivery_id>/receipt/",
        views.court_receipt,
        name="court_delivery_receipt",
    ),
]
