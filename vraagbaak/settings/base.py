"""Settings shared by every environment; configured by environment variables.

The embedded default (no environment at all) is SQLite, database search,
tasks run in-process and e-mail printed to the console.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "vraagbaak"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-only-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "vraagbaak.accounts",
    "vraagbaak.taxonomie",
    "vraagbaak.vragen",
    "vraagbaak.moderatie",
    "vraagbaak.zorgoverleg",
    "vraagbaak.search",
    "vraagbaak.pages",
    "vraagbaak.core",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "vraagbaak.accounts.middleware.VerifiedProfessionalMiddleware",
    "vraagbaak.accounts.middleware.MFARequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "vraagbaak.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "vraagbaak.core.context_processors.vraagbaak",
            ],
        },
    },
]

WSGI_APPLICATION = "vraagbaak.wsgi.application"

# Database: SQLite by default, anything else through DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared rate limits across web nodes).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "vraagbaak.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# allauth: sign-up and sign-in by e-mail, mandatory verification, MFA for all.
ACCOUNT_ADAPTER = "vraagbaak.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[GKS Vraagbaak] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_REDIRECT_URL = "/profiel/"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "GKS Vraagbaak"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=False)

# E-mail
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="GKS Vraagbaak <noreply@vraagbaak.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Django 6.1 configures mail through MAILERS (the EMAIL_* settings are deprecated).
_email_backend = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
_email_options = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": env("EMAIL_HOST", default="localhost"),
        "port": env.int("EMAIL_PORT", default=25),
        "username": env("EMAIL_HOST_USER", default=""),
        "password": env("EMAIL_HOST_PASSWORD", default=""),
        "use_tls": env.bool("EMAIL_USE_TLS", default=False),
        "timeout": env.int("EMAIL_TIMEOUT", default=10),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}

# Background tasks: in-process by default; a database queue + worker in production.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend"),
    }
}

# Locale
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

# Static and media files. Front-end assets come from npm (node_modules) via package-lock.json.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("ams/css", BASE_DIR / "node_modules/@amsterdam/design-system-css/dist"),
    ("ams/tokens", BASE_DIR / "node_modules/@amsterdam/design-system-tokens/dist"),
    ("ams/assets", BASE_DIR / "node_modules/@amsterdam/design-system-assets"),
    ("htmx", BASE_DIR / "node_modules/htmx.org/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

# Wagtail
WAGTAIL_SITE_NAME = "GKS Vraagbaak"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "txt"]
TAGGIT_CASE_INSENSITIVE = True

# Security defaults that hold everywhere (production tightens further).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Product settings
VRAAGBAAK_DEMO_PASSWORD = "Vraagbaak-demo-2026"
VRAAGBAAK_PAGE_SIZE = env.int("VRAAGBAAK_PAGE_SIZE", default=20)
VRAAGBAAK_QUESTION_TITLE_MAX = 160
VRAAGBAAK_QUESTION_BODY_MAX = 10000
VRAAGBAAK_ANSWER_BODY_MAX = 10000

# Error reports (500 e-mails, debug page when DEBUG is off) never carry POST data or
# frame variables: they would contain case text.
DEFAULT_EXCEPTION_REPORTER_FILTER = (
    "vraagbaak.core.error_reports.CaseTextSafeExceptionReporterFilter"
)
ADMINS = [("Beheer", a) for a in env.list("DJANGO_ADMINS", default=[])]

# Logging: never log request bodies or case text; only metadata.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# Every form renders its fields with the Amsterdam Design System markup
# (label, hint, error message, invalid state): templates/forms/.
FORM_RENDERER = "vraagbaak.core.forms.VraagbaakFormRenderer"

# Anonymity check (vraagbaak.anonymity). deduce (~1 GB RSS) is off in web
# workers and runs in the task worker; its lookup cache lives outside site-packages.
VRAAGBAAK_DEDUCE_CACHE_DIR = env.path(
    "VRAAGBAAK_DEDUCE_CACHE_DIR", default=BASE_DIR / ".deduce-cache"
)
VRAAGBAAK_ANONYMITY_DEDUCE = env.bool("VRAAGBAAK_ANONYMITY_DEDUCE", default=False)
# After each save, re-check the text with deduce in the task worker (production: on,
# with TASKS_BACKEND=django_tasks_db.DatabaseBackend; in-process tasks would load deduce
# into the web process, so it is off by default).
VRAAGBAAK_DEDUCE_RECHECK = env.bool("VRAAGBAAK_DEDUCE_RECHECK", default=False)

# Search (vraagbaak.search): "database" (PostgreSQL full text / SQLite FTS5) or
# "elasticsearch". ELASTICSEARCH_URL empty = Elasticsearch off; when it is set but the
# server is unreachable, search answers from the database and logs a warning.
VRAAGBAAK_SEARCH_BACKEND = env("VRAAGBAAK_SEARCH_BACKEND", default="database")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", default="vraagbaak-vragen")
# Seconds; short so a slow or absent server falls back to the database quickly.
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=2.0)
