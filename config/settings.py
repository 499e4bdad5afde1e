"""Madoguchi settings: one module, driven by environment variables (see .env.example)."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    # An empty value (e.g. `DATABASE_URL=` copied from .env.example) means "use the default".
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (os.environ.get(name) or default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("MADOGUCHI_TESTING", False)
# MADOGUCHI_ENV=production makes every safety requirement mandatory. Any other spelling ("prod", "Production")
# is refused rather than silently running as development.
ENVIRONMENTS = ("development", "test", "production")
ENVIRONMENT = env_str("MADOGUCHI_ENV", "development")
if ENVIRONMENT not in ENVIRONMENTS:
    raise ImproperlyConfigured(
        f"MADOGUCHI_ENV must be one of development, test, production (got {ENVIRONMENT!r}). "
        "MADOGUCHI_ENV には development・test・production のいずれかを指定してください。"
    )
PRODUCTION = ENVIRONMENT == "production"

DATA_DIR = Path(env_str("MADOGUCHI_DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key and PRODUCTION:
        _refuse_weak_secret_key(key)
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when MADOGUCHI_ENV=production.")
    # Local runs keep a generated key in the data dir so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _refuse_weak_secret_key(key: str) -> None:
    # The same rule as Django's `check --deploy` (security.W009), but fatal: production must not start with it.
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak for MADOGUCHI_ENV=production: use at least 50 characters with at least 5 "
            "different ones, not starting with 'django-insecure' (e.g. python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'). "
            "SECRET_KEY が弱すぎます。50 文字以上・5 種類以上の文字からなる推測できない値にしてください。"
        )


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sitemaps",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "madoguchi.core",
    "madoguchi.accounts",
    "madoguchi.cases",
    "madoguchi.answers",
    "madoguchi.intake",
    "madoguchi.referrals",
    "madoguchi.playbooks",
    "madoguchi.knowledge",
    "madoguchi.taxonomy",
    "madoguchi.triage",
    "madoguchi.notifications",
    "madoguchi.privacy",
    "madoguchi.casebook",
    "madoguchi.desk",
    "madoguchi.outreach",
    "madoguchi.reports",
    "madoguchi.ops",
    "rest_framework",
    "drf_spectacular",
    "madoguchi.api",
]

MIDDLEWARE = [
    # First of all: the request id must be set before anything logs (madoguchi/ops/request_id.py).
    "madoguchi.ops.request_id.RequestIdMiddleware",
    # Outermost, so redirects and lock-out pages made by the middleware below get the headers too.
    "madoguchi.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, writing the sliding idle deadline at most once a minute (madoguchi/accounts/sessions.py).
    "madoguchi.accounts.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "madoguchi.accounts.middleware.TwoFactorEnforcementMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it sees the user and the resolved view: read-only mode for staff, the 507 page for a full disk.
    "madoguchi.core.middleware.DataDirMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "madoguchi.core.context_processors.desk",
                "madoguchi.notifications.context_processors.unread",
                "madoguchi.ops.context_processors.ops_alerts",
                "madoguchi.core.context_processors.storage_read_only",
            ],
            "string_if_invalid": "",
        },
    },
    {
        # Plain-text mail (templates/emails/): never HTML-escaped, or `K&K` would reach the consulter as
        # `K&amp;K`. Rendered only through madoguchi.answers.mailtext, which also sets the Context's flag.
        "NAME": "mail",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "emails"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": False, "string_if_invalid": ""},
    },
]

# --- Database -------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'madoguchi.sqlite3'}")
# Persistent connections in production: a new connection per request costs PostgreSQL a backend process,
# authentication and cold catalogue caches on every page (docs/adr/0044). Health checks replace a connection that
# died (a database restart) before a request uses it. Outside production each request connects afresh, so tests
# that use threads leave no connection open behind them.
_db = dj_database_url.parse(
    DATABASE_URL,
    conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
    conn_health_checks=True,
)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # WAL lets readers run while one writer writes; IMMEDIATE avoids lock-upgrade deadlocks.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, like production: an in-memory shared-cache database answers concurrent writers with
    # "database table is locked" instead of waiting, so threaded tests could not exercise real SQLite locking.
    _db.setdefault("TEST", {}).setdefault("NAME", str(DATA_DIR / "test-madoguchi.sqlite3"))
elif _db["ENGINE"] == "django.db.backends.postgresql":
    _db["ENGINE"] = "django.db.backends.postgresql"
    _db.setdefault("TEST", {})
    # The test database must get a UTF-8 ctype as well, or pg_trgm indexes no Japanese.
    _db["TEST"].update({"CHARSET": "UTF8", "TEMPLATE": "template0"})
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "staff/accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "username"
# The same address as the audit log and the rate limit (not axes' own ipware lookup, which ignores our proxies).
AXES_CLIENT_IP_CALLABLE = "madoguchi.core.client_address.client_address"

OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Madoguchi")
# Hours an administrator-issued one-time code for enrolling a first authenticator stays valid.
MADOGUCHI_ENROLMENT_CODE_HOURS = env_int("MADOGUCHI_ENROLMENT_CODE_HOURS", 72)

# Idle timeout: the session expires after this many seconds without a request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60)
# The idle deadline slides with activity; its row is written at most every SESSION_TOUCH_SECONDS, so an idle
# session ends between SESSION_COOKIE_AGE - SESSION_TOUCH_SECONDS and SESSION_COOKIE_AGE after its last request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = env_int("SESSION_TOUCH_SECONDS", 60)
if not 0 <= SESSION_TOUCH_SECONDS < SESSION_COOKIE_AGE:
    raise ImproperlyConfigured("SESSION_TOUCH_SECONDS must be at least 0 and less than SESSION_IDLE_TIMEOUT_SECONDS.")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers -----------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy and no-store on staff pages: madoguchi.core.middleware (ADR 0007-hardening).
CSRF_FAILURE_VIEW = "madoguchi.core.error_views.csrf_failure"
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off when MADOGUCHI_ENV=production.")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
    # HSTS preload is a one-way decision for the whole domain; we only warn-silence it while it is off.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Language and time -------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("英語"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and data files -------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Without collectstatic (tests, development) WhiteNoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING or not any(STATIC_ROOT.iterdir())
MEDIA_ROOT = DATA_DIR / "files"  # never served directly: downloads go through access-checked views
MAIL_STORE_DIR = DATA_DIR / "mail"
# Staff work read-only below this much free space in the data dir (or when a write probe fails), so the space left
# goes to mail intake and the public form; the probe's answer is kept this many seconds per process (ADR 0036).
MADOGUCHI_MIN_FREE_BYTES = env_int("MADOGUCHI_MIN_FREE_BYTES", 256 * 1024 * 1024)
MADOGUCHI_STORAGE_CHECK_SECONDS = env_int("MADOGUCHI_STORAGE_CHECK_SECONDS", 15)
# Trained triage models are content-addressed (engine version + training-data digest), so a shared folder is safe.
TRIAGE_MODEL_DIR = Path(env_str("MADOGUCHI_TRIAGE_MODEL_DIR", str(DATA_DIR / "triage")))
# Form fields other than files (Django refuses more with HTTP 400).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
# Uploads above this go to a temporary file while the request is parsed, not to memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# --- Mail ---------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "窓口 <desk@example.jp>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MADOGUCHI_MAIL_DOMAIN = env_str("MADOGUCHI_MAIL_DOMAIN", "example.jp")
MADOGUCHI_DESK_NOTIFY = env_list("MADOGUCHI_DESK_NOTIFY", "desk@example.jp")
IMAP_HOST = env_str("IMAP_HOST")
IMAP_PORT = env_int("IMAP_PORT", 993)
IMAP_TLS = env_str("IMAP_TLS", "ssl")  # ssl | starttls | none
IMAP_USER = env_str("IMAP_USER")
IMAP_PASSWORD = env_str("IMAP_PASSWORD")
IMAP_FOLDER = env_str("IMAP_FOLDER", "INBOX")
IMAP_DONE_FOLDER = env_str("IMAP_DONE_FOLDER")  # empty: flag \Seen + keyword instead of moving
MAIL_MAX_MESSAGE_BYTES = env_int("MAIL_MAX_MESSAGE_BYTES", 25 * 1024 * 1024)
MAIL_MAX_ATTACHMENT_BYTES = env_int("MAIL_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)
MAIL_MAX_ATTACHMENTS = env_int("MAIL_MAX_ATTACHMENTS", 20)

# --- Desk ---------------------------------------------------------------------
MADOGUCHI_DESK_NAME = env_str("MADOGUCHI_DESK_NAME", "中小企業サイバーセキュリティ相談窓口")
MADOGUCHI_BUSINESS_HOURS = env_str("MADOGUCHI_BUSINESS_HOURS", "09:00-17:00")
# How the public reaches the desk, shown on every public page (the defaults are fictional placeholders).
MADOGUCHI_DESK_PHONE = env_str("MADOGUCHI_DESK_PHONE", "03-0000-0000")
MADOGUCHI_DESK_HOURS_TEXT = env_str(
    "MADOGUCHI_DESK_HOURS_TEXT",
    "平日 {}〜{}（土日・祝日・年末年始を除く）".format(*MADOGUCHI_BUSINESS_HOURS.split("-", 1)),
)
MADOGUCHI_DESK_EMAIL = env_str("MADOGUCHI_DESK_EMAIL", "desk@example.jp")
MADOGUCHI_DESK_ADDRESS = env_str("MADOGUCHI_DESK_ADDRESS", "〒100-0000 東京都千代田区架空町1-2-3（サンプル）")
MADOGUCHI_PUBLIC_FORM_RATE = env_str("MADOGUCHI_PUBLIC_FORM_RATE", "5/3600")  # submissions/seconds per address
# Every POST to the form (input, confirmation, edit steps) per address: bounds uploads that are never confirmed.
MADOGUCHI_PUBLIC_FORM_POST_RATE = env_str("MADOGUCHI_PUBLIC_FORM_POST_RATE", "30/3600")
# Most copies of the guidebook one mailing request may ask for (the form says so next to the field).
MADOGUCHI_GUIDEBOOK_MAX_COPIES = env_int("MADOGUCHI_GUIDEBOOK_MAX_COPIES", 20)
MADOGUCHI_PUBLIC_FORM_MAX_FILES = env_int("MADOGUCHI_PUBLIC_FORM_MAX_FILES", 5)
MADOGUCHI_PUBLIC_FORM_MAX_FILE_BYTES = env_int("MADOGUCHI_PUBLIC_FORM_MAX_FILE_BYTES", MAIL_MAX_ATTACHMENT_BYTES)
# Absolute address of this desk (links in notification mails), e.g. https://desk.example.jp
MADOGUCHI_BASE_URL = env_str("MADOGUCHI_BASE_URL", "http://127.0.0.1:8000")
# Client address (audit log, login throttling, public-form rate limit): madoguchi/core/client_address.py.
# 0 = REMOTE_ADDR; N = the N-th X-Forwarded-For entry from the right (N reverse proxies that each append one).
# The old MADOGUCHI_TRUST_X_FORWARDED_FOR=1 (which trusted the client-controlled left-most entry) now means one
# proxy, with a system-check warning asking to switch; an explicit MADOGUCHI_TRUSTED_PROXY_COUNT wins.
MADOGUCHI_LEGACY_TRUST_X_FORWARDED_FOR = env_bool("MADOGUCHI_TRUST_X_FORWARDED_FOR", False)
MADOGUCHI_TRUSTED_PROXY_COUNT = env_int(
    "MADOGUCHI_TRUSTED_PROXY_COUNT", 1 if MADOGUCHI_LEGACY_TRUST_X_FORWARDED_FOR else 0
)
if MADOGUCHI_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("MADOGUCHI_TRUSTED_PROXY_COUNT must be 0 or more.")
MADOGUCHI_STALE_AFTER_DAYS = env_int("MADOGUCHI_STALE_AFTER_DAYS", 365)

# The desk warns (banner + log) when poll_mailbox has not succeeded for this many minutes (IMAP_HOST set).
MADOGUCHI_POLL_STALE_MINUTES = env_int("MADOGUCHI_POLL_STALE_MINUTES", 30)
# That banner's figures are kept this many seconds in the (shared, file-based) cache, so staff pages do not
# count the outbox on every request; 0 counts every time.
MADOGUCHI_OPS_BANNER_CACHE_SECONDS = env_int("MADOGUCHI_OPS_BANNER_CACHE_SECONDS", 60)

# --- Sessions and cache with several app servers -------------------------------
# Sessions live in the database (Django's default engine), so any app server can serve any request. The cache is
# a folder in the data dir, which is the shared volume when there are several servers (docs/deployment.md).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}

# --- Logs ------------------------------------------------------------------------
# One JSON object per line with the request id (madoguchi/ops/logs.py); LOG_FORMAT=plain for readable local logs.
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "plain")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or plain.")
# --- REST API (madoguchi/api, docs/api.md) ---------------------------------------------------------------
# Requests per token (or client address before authentication) and seconds, counted in the database.
MADOGUCHI_API_RATE = env_str("MADOGUCHI_API_RATE", "600/60")
REST_FRAMEWORK = {
    # Token only: no session authentication, so a browser's cookies never authorise an API call (no CSRF).
    "DEFAULT_AUTHENTICATION_CLASSES": ["madoguchi.api.authentication.ApiTokenAuthentication"],
    # Authenticated first (no token: 401), then read-only mode (a full data dir: 507 for writes).
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "madoguchi.api.errors.DataDirWritable",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["madoguchi.api.throttling.DatabaseRateThrottle"],
    # JSON only: no browsable API (its pages would need inline scripts our CSP refuses).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE: Django's RequestDataTooBig, answered 413 in JSON (core.error_views).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Every error as {"detail", "code", "reference"} (madoguchi/api/errors.py; Django's handlers match it).
    "EXCEPTION_HANDLER": "madoguchi.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Madoguchi API",
    "DESCRIPTION": "Staff integrations of the SME cybersecurity consultation desk. See docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "madoguchi.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "madoguchi.ops.logs.JsonFormatter"},
        "plain": {"()": "madoguchi.ops.logs.PlainFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # gunicorn's own error log goes through the same handler (config/gunicorn.conf.py).
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
