from django.urls import include, path

from . import community, handovers, views

app_name = "supervision"

urlpatterns = [
    path("cases/<int:pk>/release/", views.release_page, name="release"),
    path("cases/<int:pk>/release/acknowledge/", views.acknowledge, name="acknowledge"),
    path("cases/<int:pk>/release/prepare/", views.prepare, name="prepare"),
    path("cases/<int:pk>/release/record/", views.record, name="record"),
    path("cases/<int:pk>/release/release/", views.do_release, name="do_release"),
    path("cases/<int:pk>/release/announcement/", views.announcement, name="announcement"),
    path("cases/<int:pk>/hand-over/", views.hand_over, name="hand_over"),
    path(
        "cases/<int:pk>/hand-over/public-security/",
        views.public_security_hand_over,
        name="public_security_hand_over",
    ),
    path("cases/<int:pk>/reception/", views.reception, name="reception"),
    # The public security organ executing bail or residential surveillance (issue 13).
    path("hand-overs/", handovers.public_security_inbox, name="public_security_inbox"),
    path("cases/<int:pk>/community/", community.community_page, name="community"),
    path("cases/<int:pk>/supervision/review/", views.condition_review, name="condition_review"),
    path("cases/<int:pk>/supervision/expiry-notice/", views.expiry_notice, name="expiry_notice"),
    path("cases/<int:pk>/supervision/expired/", views.sentence_expired, name="sentence_expired"),
    path("cases/<int:pk>/supervision/death/", views.death, name="death"),
    # The parts of community correction (`supervision.<part>`), names prefixed with the part.
    path("", include("supervision.caseload.urls")),
    path("", include("supervision.correction.urls")),
    path("", include("supervision.discipline.urls")),
    path("", include("supervision.guarantee.urls")),
    path("", include("supervision.medical.urls")),
    path("", include("supervision.selfreport.urls")),
    path("", include("supervision.custody.urls")),
    path("", include("supervision.imprisonment.urls")),
    path("", include("supervision.newcrime.urls")),
    path("", include("supervision.recalculation.urls")),
    path("", include("supervision.revocation.urls")),
]
