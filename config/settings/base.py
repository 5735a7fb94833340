"""Settings shared by every environment. Values that differ come from the environment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

# `ModelAdmin[Model]`, `ModelForm[Model]`, `QuerySet[Model]` are valid at run time, so the
# annotations mypy strict asks for need no quotes or ignores.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("TEOP_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
#: The public address of the site, for links sent outside it (the reporting link by SMS).
TEOP_PUBLIC_BASE_URL = env_str("TEOP_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# A form sent without a valid token gets the application's own page (config/errors.py).
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL"), conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
    )
}
# The web's queries read one page through an index: a parallel worker costs more to start
# (about 30 ms measured at 100,000 cases) than the query itself (issue 15). Reports and
# batch jobs that scan may raise it on their own connection.
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"].setdefault("options", "-c max_parallel_workers_per_gather=0")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_fsm",
    "axes",
    "csp",
    # Shared kernel: machinery with no legal rules of its own.
    "kernel.accounts",
    "kernel.audit",
    "kernel.workcalendar",
    "kernel.notices",
    "kernel.deadlines",
    "kernel.documents",
    "kernel.signing",
    "kernel.numbering",
    "kernel.idempotency",
    # Domain apps (dependency direction: procuracy -> approvals, supervision -> cases -> kernel).
    "cases",
    "approvals",
    "supervision",
    "procuracy",
    # The demo province, built with every app's services (`make run`).
    "demo",
]

MIDDLEWARE = [
    # First: the client address and scheme come from the TLS proxy only when it is trusted.
    "kernel.security.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kernel.audit.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the body: refuses an oversized or too frequent /verify/ upload
    # from its headers alone.
    "kernel.signing.verification.PublicUploadGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kernel.security.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "kernel.security.middleware.PrivateResponseMiddleware",
    # A date beyond what can be counted answers 400, never 500 (kernel/bounds.py).
    "kernel.bounds.DomainErrorMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kernel.accounts.context_processors.navigation",
            ],
            "libraries": {
                "legal": "kernel.templatetags.legal",
                "punctuation": "kernel.templatetags.punctuation",
                "clocks": "kernel.templatetags.clocks",
                "error_summary": "kernel.templatetags.error_summary",
            },
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:my_work"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out user or address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: Simplified Chinese is the default, English is complete (msgids are English).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "kernel.api.exception_handler",
    # JSON bounded in size and nesting before it is parsed (kernel/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "kernel.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
# Request bodies other than uploaded files (forms, API JSON): 1 MB is far above any real one.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
SPECTACULAR_SETTINGS = {
    "TITLE": "TEOP case management API (暂予监外执行案件管理)",
    "DESCRIPTION": "Temporary execution of sentences outside prison: cases, sentences, "
    "the official working-day calendar.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema names every operation and field: for signed-in users and API tokens only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Vendored Swagger UI and Redoc: the system runs on closed government networks.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "CaseStateEnum": "cases.models.case.CaseState",
        "PhysicianTitleEnum": "cases.models.workflow.Title",
        "CertificateKindEnum": "cases.acts.records.CERTIFICATE_KINDS",
        "EvidenceKindEnum": "cases.models.workflow.EvidenceKind",
        "InvestigationFindingEnum": "cases.models.workflow.InvestigationFinding",
        "ReviewFindingEnum": "supervision.models.ReviewFinding",
        "RecordKindEnum": "cases.acts.records.RECORD_KINDS",
        # Community correction (supervision.<part>): one name per choice set.
        "SexEnum": "cases.models.person.Sex",
        "ContactRoleEnum": "supervision.models.ContactRole",
        "TeamRoleEnum": "supervision.correction.models.TeamRole",
        "GuarantorTermEndEnum": "supervision.guarantee.models.TermEnd",
        "GuarantorProposedByEnum": "supervision.guarantee.models.ProposedBy",
        "ProposalGuarantorProposedByEnum": "cases.models.workflow.GUARANTOR_PROPOSED_BY",
        "GuarantorReportKindEnum": "supervision.guarantee.models.ReportKind",
        "MovementKindEnum": "supervision.guarantee.models.MovementKind",
        "DisciplineMeasureKindEnum": "supervision.discipline.models.MeasureKind",
        "SelfReportKindEnum": "supervision.selfreport.models.SelfReportKind",
        "SupervisionDocumentKindEnum": "supervision.caseload.models.SupervisionDocumentKind",
        "PostponementRequesterEnum": "supervision.medical.models.PostponementRequester",
        # Issue 12, non-counted periods (supervision.recalculation).
        "RecalculationGroundEnum": "supervision.recalculation.models.RecalculationGround",
        "RecalculationStatusEnum": "supervision.recalculation.models.RecalculationStatus",
        # A second set of fields named "ground": electronic monitoring's needs its own name too.
        "MonitoringGroundEnum": "supervision.discipline.models.MonitoringGround",
        # Revocation (supervision.revocation).
        "RevocationGroundEnum": "supervision.models.RevocationGroundKind",
        "RevocationProposalOriginEnum": "supervision.revocation.models.ProposalOrigin",
        "RevocationProposalStatusEnum": "supervision.revocation.models.ProposalStatus",
        # A new or undiscovered crime (supervision.newcrime).
        "CrimeKindEnum": "supervision.newcrime.models.CrimeKind",
        # Records of other organs (procuracy.imports, issue 13).
        "ExternalRecordKindEnum": "procuracy.imports.models.ExternalRecordKind",
        "CompulsoryMeasureEnum": "supervision.newcrime.models.CompulsoryMeasure",
        "CustodyMeasureEnum": "supervision.guarantee.models.CustodyMeasure",
        "CriminalProceedingOutcomeEnum": "supervision.newcrime.models.ProceedingOutcome",
        "CriminalProceedingsCloseOutcomeEnum": (
            "supervision.newcrime.models.RESUMING_OUTCOME_CHOICES"
        ),
        # The procuratorate's seven-point review (procuracy.review, issue 13).
        "DecisionReviewFindingEnum": "procuracy.review.models.Finding",
        "DecisionReviewConclusionEnum": "procuracy.review.models.ReviewConclusion",
        "ProcuratorialAssessmentEnum": "procuracy.review.models.AssessmentKind",
        # Rectification opinions (procuracy.rectification).
        "RectificationSeriousnessEnum": "procuracy.rectification.models.Seriousness",
        # The kinds of copy supervision sends the procuratorate (procuracy.receipt).
        "ProcuratorateCopyKindEnum": "procuracy.receipt.copykinds.KIND_CHOICES",
    },
}

# Celery. At-least-once delivery: a task is acknowledged only after it ran, and re-queued if
# its worker dies; every task must therefore be idempotent (house style rule 6).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240, minimum=1)
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
    # Redis re-delivers an unacknowledged task after this many seconds; it must exceed the
    # longest task time limit or a slow task runs twice while still running.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1),
}
CELERY_TIMEZONE = TIME_ZONE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes logs every successful sign-in at INFO; lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}

# Field verification (实地查访, 信息化核查, 视频点验) at the frequency the supervision grade sets
# (CCL Art 24, graded management): calendar days between two verifications, per grade. The
# Implementation Measures' own frequencies were not retrieved: these defaults (strict 7,
# ordinary 30, lenient 90) are the project's choice. Read once at start-up by
# kernel/deadlines/kinds.py (clocks D-34s, D-34o, D-34l).
TEOP_VERIFICATION_INTERVAL_DAYS = {"strict": 7, "ordinary": 30, "lenient": 90}

# The procuratorate acknowledges (签收) a copy sent to it within this many working days, or the
# sender is alerted (clock D-09a, P2014 Art 13 ¶3). No statutory number: the project's default.
TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS = env_int("TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS", 3, minimum=1)
# legal-spec D-27: the time the entrusted institution has for the investigation and evaluation
# (P2014 Art 8 ¶2; CCL Art 18). No statutory number in the retrieved texts (the Implementation
# Measures were not retrieved): working days, the project's default 10 (clock D-27).
TEOP_INVESTIGATION_WORKING_DAYS = env_int("TEOP_INVESTIGATION_WORKING_DAYS", 10, minimum=1)

# Upload limits used by every form that takes a file (bytes).
TEOP_MAX_UPLOAD_BYTES = env_int("TEOP_MAX_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1024)

# Records of other organs imported by procuratorates (procuracy/imports, issue 13): the
# largest CSV file (bytes; never above TEOP_MAX_UPLOAD_BYTES) and the most rows per import.
TEOP_IMPORT_MAX_BYTES = env_int("TEOP_IMPORT_MAX_BYTES", 2 * 1024 * 1024, minimum=1024)
TEOP_IMPORT_MAX_ROWS = env_int("TEOP_IMPORT_MAX_ROWS", 5000, minimum=1)

# Public signature verification (/verify/, kernel/signing/verification.py), open to anyone:
# every bound is checked before the work it protects starts. A decision signed by this system
# is about 150 KB with 2 revisions, so 5 MB and 20 revisions leave ample room for genuine
# files; the size is refused from Content-Length before the body is read (never above
# TEOP_MAX_UPLOAD_BYTES). The check runs in a child process killed after the time limit, at
# most TEOP_VERIFY_CONCURRENCY at once per web process, and each client address may upload
# TEOP_VERIFY_UPLOADS_PER_MINUTE files a minute (counted in the shared cache).
TEOP_VERIFY_MAX_BYTES = env_int("TEOP_VERIFY_MAX_BYTES", 5 * 1024 * 1024, minimum=64 * 1024)
TEOP_VERIFY_MAX_REVISIONS = env_int("TEOP_VERIFY_MAX_REVISIONS", 20, minimum=2)
TEOP_VERIFY_TIME_LIMIT_SECONDS = env_int("TEOP_VERIFY_TIME_LIMIT_SECONDS", 10, minimum=1)
TEOP_VERIFY_CONCURRENCY = env_int("TEOP_VERIFY_CONCURRENCY", 2, minimum=1)
TEOP_VERIFY_UPLOADS_PER_MINUTE = env_int("TEOP_VERIFY_UPLOADS_PER_MINUTE", 10, minimum=1)

# Digital signatures on documents (kernel/signing). The key store holds the certificate
# authority (ca.pem, ca.key.pem), one PKCS#12 file per signing organisation and extra trusted
# CA certificates in trust/*.pem. The passphrase protects the private keys at rest.
SIGNING_KEYSTORE_DIR = Path(env_str("TEOP_SIGNING_KEYSTORE_DIR", str(VAR_DIR / "keystore")))
SIGNING_KEYSTORE_PASSPHRASE = env_str(
    "TEOP_SIGNING_KEYSTORE_PASSPHRASE", "teop-dev-keystore-passphrase-not-for-production"
)

# The audit log (kernel/audit). Its hashes are HMACs under this key, which the database never
# holds: a rewrite by someone without it is detected. Development and tests use a fixed key;
# production requires TEOP_AUDIT_HMAC_KEY. Signed checkpoints of the chain heads go to a
# write-once directory outside the database (its own volume in docker-compose.yml).
AUDIT_HMAC_KEY = env_str("TEOP_AUDIT_HMAC_KEY", "teop-dev-audit-hmac-key-not-for-production")
AUDIT_CHECKPOINT_DIR = Path(
    env_str("TEOP_AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints"))
)
# The role the application connects as, where it differs from the owner that runs the
# migrations: the audit migrations grant it ordinary DML on every table but only SELECT and
# INSERT on the audit log. Empty: no grants (one role does everything, as in `make run`).
DB_APP_ROLE = env_str("TEOP_DB_APP_ROLE", "")
# Signers' TOTP secrets are encrypted at rest with this Fernet key (kernel/signing/otp_crypto.py;
# several keys separated by commas: the first encrypts, all decrypt). The demo and the tests use
# a fixed development key; production refuses to start with it or without one.
TEOP_OTP_DEV_ENCRYPTION_KEY = "cUuhaHV8OpCeStDmQ9zgQc--Wmys3CFAU2SOsaQ7FBc="
TEOP_OTP_ENCRYPTION_KEY = env_str("TEOP_OTP_ENCRYPTION_KEY", TEOP_OTP_DEV_ENCRYPTION_KEY)

# Shared cache: login lockouts (django-axes keeps them in the database), upload rate limits
# (django-ratelimit) and short-lived counters. Production points it at Redis so every gunicorn
# worker sees the same counts; the demo and the tests use one process-local cache.
_DOCUMENT_CACHE_URL = env_str("TEOP_DOCUMENT_CACHE_URL", "") or env_str("TEOP_CACHE_URL", "")
_PDF_CACHE_SECONDS = env_int("TEOP_PDF_CACHE_SECONDS", 86400, minimum=0)
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("TEOP_CACHE_URL"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if env_str("TEOP_CACHE_URL", "")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered PDFs by content (kernel/documents/pdf.py): the same HTML, WeasyPrint and fonts
    # give the same bytes, so an unchanged document is not drawn twice. In production one Redis
    # database shared by every web process (TEOP_DOCUMENT_CACHE_URL, by default TEOP_CACHE_URL),
    # each PDF kept TEOP_PDF_CACHE_SECONDS (0: none kept); the demo keeps a few per process.
    "documents": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _DOCUMENT_CACHE_URL,
            "KEY_PREFIX": "teop-documents",
            "TIMEOUT": _PDF_CACHE_SECONDS,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if _DOCUMENT_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "teop-documents",
            "TIMEOUT": _PDF_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 50},
        }
    ),
}
#: A PDF larger than this is drawn on every download, never kept in the cache.
TEOP_PDF_CACHE_MAX_BYTES = env_int("TEOP_PDF_CACHE_MAX_BYTES", 5 * 1024 * 1024, minimum=0)

# Password guessing (django-axes): after 5 wrong passwords for one user name, or from one
# address, that user or address is locked out for 30 minutes; a system administrator can
# unlock earlier (Accounts -> Locked-out sign-ins).
AXES_FAILURE_LIMIT = env_int("TEOP_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("TEOP_LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kernel.security.views.lockout_response"
AXES_VERBOSE = False

# Sessions suited to a government office: signed out after 30 minutes without activity, and
# after 10 hours whatever happens (kernel/security/middleware.py SessionTimeoutMiddleware).
TEOP_SESSION_IDLE_SECONDS = env_int("TEOP_SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
TEOP_SESSION_ABSOLUTE_SECONDS = env_int("TEOP_SESSION_ABSOLUTE_SECONDS", 10 * 3600, minimum=300)
SESSION_COOKIE_AGE = TEOP_SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): no inline script, no inline style, nothing from
# another origin; the system runs on closed networks and every asset is vendored.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Features this application never uses are switched off for every page.
TEOP_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()"
)
# Addresses (CIDR) of the TLS-terminating proxy. Only a request arriving from one of them may
# set X-Forwarded-Proto / X-Real-IP; from anywhere else those headers are dropped.
TEOP_TRUSTED_PROXIES = env_list("TEOP_TRUSTED_PROXIES", ["127.0.0.1/32", "::1/128"])

# Supervision, the guarantor (supervision.guarantee). SPC-Interp Art 516(7) gives the person
# a "prescribed period" to propose a new guarantor that the retrieved texts do not state
# (legal-spec D-30): calendar days, a default chosen here. P2014 Art 12 ¶2 says "immediately"
# (D-31, no clock): a report later than this many hours after the event is flagged late.
TEOP_GUARANTOR_REPLACEMENT_DAYS = env_int("TEOP_GUARANTOR_REPLACEMENT_DAYS", 15, minimum=1)
# D-26: the written reply to a rectification opinion (CCL Art 62 states no period), calendar
# days; D-26s: the reply to a procuratorial suggestion, months (procuracy.rectification).
TEOP_RECTIFICATION_REPLY_DAYS = env_int("TEOP_RECTIFICATION_REPLY_DAYS", 15, minimum=1)
TEOP_SUGGESTION_REPLY_MONTHS = env_int("TEOP_SUGGESTION_REPLY_MONTHS", 2, minimum=1)
TEOP_GUARANTOR_REPORT_LATE_HOURS = env_int("TEOP_GUARANTOR_REPORT_LATE_HOURS", 24, minimum=1)
# Issue 14, public statistics: a count below this shows "<N" and is left out of every total;
# the counts are cached this many seconds.
TEOP_PUBLIC_MIN_CELL = env_int("TEOP_PUBLIC_MIN_CELL", 5, minimum=2)
TEOP_PUBLIC_STATS_CACHE_SECONDS = env_int("TEOP_PUBLIC_STATS_CACHE_SECONDS", 300, minimum=0)
