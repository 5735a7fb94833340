"""Routes of this part, inside the `supervision` namespace (names prefixed with the part): the
officer's acts under the community page, the CCI's inbox, and the public reporting page
reached by a personal link (no login)."""

from django.urls import URLPattern, URLResolver, path

from . import views

_CASE = "cases/<int:pk>/community/selfreport"

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{_CASE}/contact/", views.contact_record, name="selfreport_contact"),
    path(f"{_CASE}/link/", views.link_issue, name="selfreport_link"),
    path(f"{_CASE}/link/revoke/", views.link_revoke, name="selfreport_link_revoke"),
    path(f"{_CASE}/accept/", views.report_accept, name="selfreport_accept"),
    path(f"{_CASE}/reject/", views.report_reject, name="selfreport_reject"),
    path(
        f"{_CASE}/attachments/<int:attachment>/",
        views.attachment_download,
        name="selfreport_attachment",
    ),
    path("selfreport/inbox/", views.inbox, name="selfreport_inbox"),
    # Public: the personal link is the key; a wrong or lapsed one is a plain 404.
    path("report/<str:token>/", views.report_page, name="selfreport_page"),
    path("report/<str:token>/code/", views.report_code, name="selfreport_code"),
    path("report/<str:token>/verify/", views.report_verify, name="selfreport_verify"),
    path("report/<str:token>/leave/", views.report_leave, name="selfreport_leave"),
    path("report/<str:token>/send/<str:kind>/", views.report_send, name="selfreport_send"),
]
