"""`make test`: real PostgreSQL and Redis, started by scripts/services.sh."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-not-for-production")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")

from .base import *

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "The test suite runs on real PostgreSQL: set DATABASE_URL=postgres://... "
        "(make test starts a throwaway server and sets it)."
    )

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = VAR_DIR / "test-media"
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
SIGNING_KEYSTORE_DIR = VAR_DIR / "test-keystore"
# The application role that scripts/test-services.sh creates beside the owner `teop`; the
# audit migrations grant it only SELECT and INSERT on the audit log.
DB_APP_ROLE = os.environ.get("TEOP_DB_APP_ROLE", "teop_app")
DB_APP_PASSWORD = os.environ.get("TEOP_DB_APP_PASSWORD", "teop_app")
# A fresh checkpoint directory per test process: checkpoints of earlier runs describe
# databases that no longer exist.
AUDIT_CHECKPOINT_DIR = Path(tempfile.mkdtemp(prefix="teop-audit-checkpoints-"))
# Tests jump through months with time-machine while signed in; the session limits have tests
# of their own (tests/system/test_session_lifetime.py), which set them back to production's.
TEOP_SESSION_IDLE_SECONDS = 10 * 365 * 86400
TEOP_SESSION_ABSOLUTE_SECONDS = 10 * 365 * 86400
SESSION_COOKIE_AGE = TEOP_SESSION_ABSOLUTE_SECONDS
# Every test draws its PDFs, as a first download does: a test about what a document prints or
# refuses is never answered from a PDF another test kept. The cache of rendered PDFs has its
# own tests (tests/kernel/test_pdf_cache_same_html_same_bytes.py), which switch it on.
CACHES = {**CACHES, "documents": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
