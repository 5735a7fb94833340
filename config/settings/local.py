"""`make run`: embedded SQLite and a filesystem broker, no servers to install."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "local-demo-secret-not-for-production")
# DEBUG off, so the demo shows the application's own error pages (403, 404, 500) rather than
# Django's debug pages; DJANGO_DEBUG=1 brings the debug pages back for development.
os.environ.setdefault("DJANGO_DEBUG", "0")
_var = os.environ.get("TEOP_VAR_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "var"))
_var = os.path.abspath(_var)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_var}/teop.sqlite3")
os.environ.setdefault("CELERY_BROKER_URL", "filesystem://")

from .base import *  # noqa: E402

# Kombu's filesystem transport: a real worker and beat across processes without Redis.
if CELERY_BROKER_URL == "filesystem://":
    _broker = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker / "queue"),
        "data_folder_out": str(_broker / "queue"),
        "processed_folder": str(_broker / "processed"),
        "store_processed": False,
        "control_folder": str(_broker / "control"),
    }

# SQLite takes the write lock when a transaction begins (BEGIN IMMEDIATE) and waits up to
# 20 s for it, so two clerks acting at once queue instead of failing with "database is
# locked"; the second then finds the case changed and is told so (409), as on PostgreSQL.
# WAL lets pages be read while someone writes.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# With DEBUG off runserver serves no static files: WhiteNoise serves them straight from the
# source folders (no collectstatic), and picks up edits.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
