from django.urls import path

from . import inquiry_views, views, workflow_views
from .reader import views as reader_views

app_name = "cases"

urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/export.csv", views.case_export, name="case_export"),
    path("cases/<int:pk>/", workflow_views.case_file, name="case_detail"),
    path("cases/<int:pk>/steps/<slug:step>/", workflow_views.case_step, name="case_step"),
    path("cases/<int:pk>/records/<slug:kind>/", workflow_views.case_record, name="case_record"),
    path(
        "cases/<int:pk>/records/<slug:kind>/<int:record_id>/correct/",
        workflow_views.case_record_correct_view,
        name="case_record_correct",
    ),
    path(
        "cases/<int:pk>/records/<slug:kind>/<int:record_id>/withdraw/",
        workflow_views.case_record_withdraw_view,
        name="case_record_withdraw",
    ),
    path(
        "cases/<int:pk>/objections/<int:objection_id>/examine/",
        workflow_views.objection_examine,
        name="objection_examine",
    ),
    path("cases/<int:pk>/evidence/", workflow_views.evidence_add, name="evidence_add"),
    path(
        "cases/<int:pk>/evidence/<int:evidence_id>/",
        workflow_views.evidence_download,
        name="evidence_download",
    ),
    path(
        "cases/<int:pk>/documents/<slug:document>.pdf",
        workflow_views.case_document,
        name="case_document",
    ),
    path(
        "cases/<int:pk>/documents/<slug:document>/issue/",
        workflow_views.case_document_issue,
        name="case_document_issue",
    ),
    path("cases/<int:pk>/eligibility/", workflow_views.case_eligibility, name="case_eligibility"),
    path("cases/<int:pk>/opinion/", workflow_views.opinion_add, name="opinion_add"),
    path("cases/<int:pk>/reader/", reader_views.reader, name="reader"),
    path(
        "cases/<int:pk>/reader/documents/<str:key>/",
        reader_views.reader_document,
        name="reader_document",
    ),
    path("cases/<int:pk>/reader/readings/", reader_views.reader_readings, name="reader_readings"),
    path("cases/<int:pk>/reader/notes/", reader_views.reader_note_add, name="reader_note_add"),
    path("cases/<int:pk>/reader/setting/", reader_views.reader_setting, name="reader_setting"),
    # The entrusted investigation, seen by the institution entrusted (issue 13).
    path("cases/inquiries/", inquiry_views.inquiry_inbox, name="inquiry_inbox"),
    path("cases/<int:pk>/inquiry/", inquiry_views.inquiry, name="inquiry"),
    path("offenders/", views.offender_list, name="offender_list"),
    path("offenders/new/", views.offender_create, name="offender_create"),
    path("offenders/<int:pk>/", views.offender_detail, name="offender_detail"),
    path("offenders/<int:offender_pk>/cases/new/", workflow_views.case_new, name="case_new"),
    path("offenders/<int:pk>/commutations/", views.commutation_create, name="commutation_create"),
]
