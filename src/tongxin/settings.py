"""The one settings module: every deployment difference comes from environment variables.

The README lists each variable. SQLite under the data folder by default; PostgreSQL when
DATABASE_URL is set; Django's database cache unless REDIS_URL is set.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url

TESTING = "pytest" in sys.modules


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("TONGXIN_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated on first run and kept on disk."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves its own Swagger UI files (/api/v1/docs), no CDN
    "tongxin.core",
    "tongxin.orgs",
    "tongxin.accounts",
    "tongxin.audit",
    "tongxin.workdays",
    "tongxin.rights",
    "tongxin.stats",
    "tongxin.staff",
    "tongxin.selection",
    "tongxin.assessment",
    "tongxin.training",
    "tongxin.congress",
    "tongxin.reform",
    "tongxin.notifications",
    "tongxin.attachments",
    "tongxin.comments",
    "tongxin.imports",
    "tongxin.api",
    "tongxin.demo",
    "tongxin.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tongxin.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "tongxin.accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tongxin.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "tongxin.urls"
WSGI_APPLICATION = "tongxin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tongxin.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    # One test database per test process, so two suites on one server never collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_tongxin_{os.getpid()}"}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "tongxin.sqlite3"),
            "OPTIONS": {
                # The server and the worker share the file: WAL lets readers run beside
                # one writer, IMMEDIATE takes the write lock up front (no upgrade
                # deadlocks), and the timeout waits for it instead of failing.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # Tests use a file too: an in-memory database in shared-cache mode answers
            # "table is locked" at once instead of waiting, so concurrency could not be tested.
            "TEST": {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: shared by all processes (login lockout and rate limits live here) ---------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tongxin_cache",
        }
    }

# --- Background tasks ------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# --- Accounts --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "tongxin.accounts.backends.LoginBackend",
    "rules.permissions.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "tongxin.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Tests create hundreds of accounts; Argon2 would dominate their run time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Login throttling (tongxin.accounts.throttle), counters in a table with explicit expiry.
# Per login name and client address: after LOGIN_THROTTLE_AFTER failures each further
# attempt from that address waits 1, 2, 4 … up to LOGIN_DELAY_MAX_SECONDS since the last
# failure; the right password works after it, and other addresses are not delayed.
# Failures are forgotten LOGIN_FAILURE_MEMORY_SECONDS after the last one (or on success).
LOGIN_THROTTLE_AFTER = int(os.environ.get("LOGIN_THROTTLE_AFTER", "5"))
LOGIN_DELAY_MAX_SECONDS = int(os.environ.get("LOGIN_DELAY_MAX_SECONDS", "60"))
LOGIN_FAILURE_MEMORY_SECONDS = int(os.environ.get("LOGIN_FAILURE_MEMORY_SECONDS", "86400"))
# Per login name across all addresses (distributed guessing): this many failures within
# LOGIN_ADDRESS_WINDOW_SECONDS and every attempt for the name waits LOGIN_DELAY_MAX_SECONDS.
# Far above LOGIN_ADDRESS_FAILURE_LIMIT, so no single address can slow a name for others.
LOGIN_NAME_FAILURE_LIMIT = int(os.environ.get("LOGIN_NAME_FAILURE_LIMIT", "200"))
# Per client address: this many failures within the window block the address for a while.
# Keep it high: a campus behind one NAT address is many people.
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
LOGIN_ADDRESS_WINDOW_SECONDS = int(os.environ.get("LOGIN_ADDRESS_WINDOW_SECONDS", "900"))
LOGIN_ADDRESS_BLOCK_SECONDS = int(os.environ.get("LOGIN_ADDRESS_BLOCK_SECONDS", "900"))
# API tokens expire this many days after they are made.
API_TOKEN_LIFETIME_DAYS = int(os.environ.get("API_TOKEN_LIFETIME_DAYS", "180"))
# A link an advisor issues to reset an active account's password lasts this long.
PASSWORD_RESET_LINK_HOURS = 24
# Django's database sessions (accounts.Session, with the user's id in a column) read together
# with the user and their grants in one statement (tongxin.accounts.sessions). Not the
# cache: Django's database cache culls entries beyond MAX_ENTRIES, which would log people
# out, and a Redis flush would too.
SESSION_ENGINE = "tongxin.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")

# --- HTTPS and security headers --------------------------------------------------------
# Served over HTTPS (SECURE_COOKIES=true): plain HTTP is redirected and browsers are told
# to use HTTPS only (HSTS). /healthz stays reachable over HTTP for load balancers' probes.
SECURE_SSL_REDIRECT = env_bool("SECURE_COOKIES")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000")) if SECURE_SSL_REDIRECT else 0
# Behind a reverse proxy that terminates HTTPS, Django sees plain HTTP: trust the proxy's
# X-Forwarded-Proto (only when it sets the header itself, else clients could forge it).
# Its own setting, off by default: trusting the proxy's client address does not imply it.
if env_bool("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Self only: every script, style, font and image is a vendored static file. No inline
# script or style attribute anywhere (tests/e2e/test_csp.py checks pages in Chromium);
# data: images are Bootstrap's inline SVG icons, blob: what ECharts may export.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- Language and time -----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing folder
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("TONGXIN_STORAGE_DIR", DATA_DIR / "media")).resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING or DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = TESTING or DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Mail (console unless a real server is configured) --------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.locmem.EmailBackend"
    if TESTING
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tongxin@localhost")

# --- Logging ---------------------------------------------------------------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # `tongxin worker` says what it did once a minute (INFO) under the default level;
        # LOG_LEVEL=ERROR or CRITICAL quiets that too. Its per-task lines need DEBUG.
        "tongxin.worker": {
            "level": LOG_LEVEL if LOG_LEVEL in {"ERROR", "CRITICAL"} else "INFO",
        },
    },
}

# --- Tongxin ---------------------------------------------------------------------------
# Channels through which notifications leave the in-app inbox (tongxin.notifications).
NOTIFICATION_CHANNELS = ["tongxin.notifications.channels.EmailChannel"]
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR")

# Files attached to an object (tongxin.attachments): the largest accepted, by kind, and how
# many one object may carry. Images are re-encoded, so what is stored is usually smaller.
ATTACHMENT_MAX_BYTES = {
    "image": int(os.environ.get("ATTACHMENT_MAX_IMAGE_BYTES", 10 * 1024 * 1024)),
    "document": int(os.environ.get("ATTACHMENT_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024)),
}
ATTACHMENTS_PER_OBJECT = int(os.environ.get("ATTACHMENTS_PER_OBJECT", "20"))
# How long a process remembers which menu entries a person sees (core/navigation.py); 0: ask
# every permission on every page.
TONGXIN_NAV_MEMO_SECONDS = int(os.environ.get("NAV_MEMO_SECONDS", "30"))
# Moderated comments (tongxin.comments): the longest comment, in characters.
COMMENT_MAX_LENGTH = int(os.environ.get("COMMENT_MAX_LENGTH", "500"))
