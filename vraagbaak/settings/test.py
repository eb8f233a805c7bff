"""Settings for the test suite (pytest-django). DATABASE_URL picks PostgreSQL."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SECURE_SSL_REDIRECT = False
ACCOUNT_RATE_LIMITS = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
DATABASES = {
    "default": env.db("DATABASE_URL", default="sqlite://:memory:"),
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Serve static files from the finders (node_modules included) so browser tests get real CSS.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests that need deduce turn it on themselves (marker `deduce`, one shared instance).
VRAAGBAAK_ANONYMITY_DEDUCE = False
# Elasticsearch stays off in tests; tests/search/test_elastic_integration.py switches it on
# (with the server from the ELASTICSEARCH_URL environment variable) for its own tests.
ELASTICSEARCH_URL = ""
VRAAGBAAK_SEARCH_BACKEND = "database"
