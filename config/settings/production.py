"""Production: every secret, host and server comes from the environment; no defaults."""

from config.env import env_bool, env_int, env_str

from .base import *

DEBUG = False
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name the served host names.")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random value of 50 characters or more.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "teop@localhost")

# The private keys of the signing organisations are encrypted with this. No default secret in
# production: left empty, the server runs but signing refuses (kernel/signing/keystore.py).
SIGNING_KEYSTORE_PASSPHRASE = env_str("TEOP_SIGNING_KEYSTORE_PASSPHRASE", "")

# The audit log's HMAC key: required, and never stored in the database (kernel/audit).
AUDIT_HMAC_KEY = env_str("TEOP_AUDIT_HMAC_KEY")
if len(AUDIT_HMAC_KEY) < 32:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "TEOP_AUDIT_HMAC_KEY must be a random value of 32 characters or more."
    )

# Signers' TOTP secrets are encrypted with this key: required, well formed, not the demo's.
TEOP_OTP_ENCRYPTION_KEY = env_str("TEOP_OTP_ENCRYPTION_KEY")
if TEOP_OTP_DEV_ENCRYPTION_KEY in TEOP_OTP_ENCRYPTION_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("TEOP_OTP_ENCRYPTION_KEY must not be the development key.")
from kernel.signing.otp_crypto import otp_fernet  # noqa: E402

otp_fernet(TEOP_OTP_ENCRYPTION_KEY)  # a malformed key stops the start, not the first signature
