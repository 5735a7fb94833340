from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from cases.acts.api import act_urlpatterns
from cases.api import CaseViewSet, OffenderViewSet
from cases.eligibility_api import EligibilityAssessView
from kernel.deadlines import views as deadline_views
from kernel.security.api import LockoutLiftView
from kernel.signing.api import SecondFactorResetView
from kernel.workcalendar.api import AddWorkingDaysView
from procuracy.imports.api import ExternalRecordImportView, ImportBatchDetailView

router = DefaultRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("offenders", OffenderViewSet, basename="offender")

api_v1 = [
    path("calendar/add-working-days", AddWorkingDaysView.as_view(), name="add_working_days"),
    path("eligibility/assess", EligibilityAssessView.as_view(), name="eligibility_assess"),
    # Every declared act of every app (cases.acts.registry.ACTS), generated from its declaration.
    *act_urlpatterns(),
    path("admin/lockouts/lift/", LockoutLiftView.as_view(), name="admin-lockout-lift"),
    path(
        "admin/users/<int:user_id>/second-factor/reset/",
        SecondFactorResetView.as_view(),
        name="admin-second-factor-reset",
    ),
    # Records of other organs imported by procuratorates (issue 13).
    path(
        "external-records/imports/",
        ExternalRecordImportView.as_view(),
        name="external-records-import",
    ),
    path(
        "external-records/imports/<int:pk>/",
        ImportBatchDetailView.as_view(),
        name="external-records-import-detail",
    ),
    *router.urls,
]

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: the CSP allows no inline
    # script. Both need a signed-in user (the schema also takes an API token).
    path(
        "api/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api_docs",
    ),
    path("calendar/", include("kernel.workcalendar.urls")),
    path("audit/", include("kernel.audit.urls")),
    path("accounts/lockouts/", include("kernel.security.urls")),
    path("notices/", include("kernel.notices.urls")),
    path("approvals/", include("approvals.urls")),
    path("supervision/", include("supervision.urls")),
    path("procuracy/", include("procuracy.urls")),
    path("public/decisions/", include("approvals.public_urls")),
    # Issue 14, the public face: the families' self-check and the public statistics.
    path("public/", include("approvals.public.urls")),
    path("health/deadlines/", deadline_views.health, name="deadline_health"),
    path("deadlines/<int:pk>/", deadline_views.deadline_detail, name="deadline_detail"),
    path("", include("kernel.signing.urls")),
    path("", include("cases.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The application's own error pages, in the user's language, with a way back (issue 14).
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
