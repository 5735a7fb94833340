from django.urls import include, path

from . import views

app_name = "approvals"

urlpatterns = [
    path("", include("approvals.court.urls")),
    path("cases/<int:pk>/decide/", views.decide, name="decide"),
    path("cases/<int:pk>/decision.pdf", views.decision_pdf, name="decision_pdf"),
    path("cases/<int:pk>/opinions/<int:opinion_id>/answer/", views.answer, name="answer"),
    path("cases/<int:pk>/objection/", views.objection, name="objection"),
    path("cases/<int:pk>/filing/", views.filing, name="filing"),
    path("cases/<int:pk>/cross-province/", views.cross_province, name="cross_province"),
    path("cases/<int:pk>/designate/", views.designate, name="designate"),
    path(
        "cases/<int:pk>/objections/<int:objection_id>/reexamine/",
        views.objection_reexamine,
        name="objection_reexamine",
    ),
    path(
        "cases/<int:pk>/deliveries/<int:delivery_id>/receipt/",
        views.delivery_receipt,
        name="delivery_receipt",
    ),
]
