"""BlendPlan settings: one module, driven by the environment.

With no environment at all it runs in development on an SQLite file under ``var/``.
Production sets ``DEBUG=0``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``
(PostgreSQL); see docs/deployment.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

# Lets Django's classes be subscripted at run time (admin.ModelAdmin[Course]) for typing.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Return the environment variable ``name`` read as a yes/no flag."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Return the environment variable ``name`` read as a whole number."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    """Return the comma-separated environment variable ``name`` as a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

_DEVELOPMENT_SECRET_KEY = "django-insecure-blendplan-development-only"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off BlendPlan refuses to start without one: "
            'set SECRET_KEY to a long random string (python -c "import secrets; '
            'print(secrets.token_urlsafe(50))").'
        )
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "blendplan.apps.BlendplanConfig",
    "courses",
    "schedules",
]

MIDDLEWARE = [
    # First, so that it times everything and every answer carries X-Request-ID.
    "blendplan.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "blendplan.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "blendplan.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "blendplan.middleware.InvalidParameterMiddleware",
    # Last, as django-axes asks: turns a refused (locked-out) sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "blendplan.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "blendplan.context_processors.navigation",
                "schedules.reviews.context_processors.notifications",
            ],
        },
    },
    {
        # Only the hot fragments (``*.jinja`` next to the pages that draw them), rendered by
        # the ``{% jinja %}`` tag; pages themselves are Django templates.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "schedules.jinja_env.environment", "autoescape": True},
    },
]

FORM_RENDERER = "blendplan.forms.FormRenderer"

WSGI_APPLICATION = "blendplan.wsgi.application"
ASGI_APPLICATION = "blendplan.asgi.application"

# An SQLite file under var/ unless DATABASE_URL names another database (PostgreSQL in
# production: postgres://user:password@host:5432/name).
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'blendplan.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a web app's database: readers go on while one request writes (WAL), a commit
    # does not wait for the disk twice (synchronous=NORMAL, safe with WAL), and a writer
    # waits its turn rather than failing with "database is locked" (IMMEDIATE, timeout).
    # IMMEDIATE takes the write lock when a transaction begins, so waiting always helps; the
    # wait is long because SQLite's waiters poll rather than queue, and one of 20 busy
    # writers can be passed over for more than 5 s (benchmarks/sqlite_writers.py, 6 of 500
    # writes failed at 5 s). 20 s stays below gunicorn's 30 s worker timeout.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# A password-reset link works once, for PASSWORD_RESET_MINUTES (Django's default is 3 days).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_MINUTES", 60) * 60
# Sign-in throttling (OWASP ASVS 6.3.1) by django-axes; see "Security" in docs/deployment.md.
# Its backend comes first and refuses a locked-out sign-in before any password is hashed, so
# a flood of guesses costs no hashing time.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
# Counted separately: five failures for one username (from any address) lock that username,
# five from one address (whatever usernames it tries) lock that address.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A lockout lasts LOGIN_LOCKOUT_MINUTES from the failure that set it off: attempts while
# locked are refused without being recorded (no database write per request in a flood).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "blendplan.lockout.lockout_response"
# Log failures with the username and address tried (never the password): a deployment
# needs both to see an attack. Failures and lockouts are WARNINGs of the "axes" logger.
AXES_SENSITIVE_PARAMETERS: list[str] = []
# Who a locked-out person should ask, shown on the lockout page.
ACCOUNT_HELP_CONTACT = os.environ.get("ACCOUNT_HELP_CONTACT", "your BlendPlan administrator")
# The client address: REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies stand in front of the
# app, each appending the address it was called from to X-Forwarded-For. Then the client is
# the entry the outermost of our proxies appended (django-ipware's proxy count counts the
# proxies listed in the header, hence the one less); entries a client put there itself are
# to its left and ignored. Not strict: a spoofed header must not fall back to REMOTE_ADDR,
# which would lock out everyone behind the proxy at once.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT > 0:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
LOGIN_REDIRECT_URL = "schedules:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Content-Security-Policy from day one: everything is served by us (htmx is vendored),
# no inline script or style without the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Security headers. HTTPS settings follow the environment so that a deployment behind
# TLS gets them all on (docs/deployment.md) while development over plain HTTP works.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions end after SESSION_IDLE_MINUTES without a request (default 2 hours), and at the
# latest SESSION_MAX_AGE_HOURS after signing in (default 12: a working day), whatever the
# activity; blendplan.middleware.SessionTimeoutMiddleware enforces both.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 120) * 60
SESSION_COOKIE_AGE = env_int("SESSION_MAX_AGE_HOURS", 12) * 3600
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Load balancers and Prometheus ask each app server directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^metrics$"]
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Mail: review notifications. Django 6.1's MAILERS: SMTP as the environment says (an SMTP
# server on localhost when it says nothing), or the console in development without one.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "BlendPlan <blendplan@localhost>")

# Background work (e-mail today) runs through Django's tasks framework. The default backend
# keeps the queue in the database (django-tasks-db: no other server; `manage.py db_worker`
# empties it, and `make run` starts one beside the web server). TASKS_BACKEND switches to
# another backend (an RQ or Celery one) without code changes.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
if os.environ.get("SMTP_HOST") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("SMTP_HOST", "localhost"),
                "port": int(os.environ.get("SMTP_PORT", "587")),
                "username": os.environ.get("SMTP_USERNAME", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_USE_TLS", default=True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# The address links in notification mail start with (no request is at hand when mailing).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Health and metrics (docs/deployment.md, "Running in production" and "Observability").
# /health/ says "degraded" (still 200) when a ready task has waited longer than this for a
# worker: the worker polls every second, so five minutes means it is down or swamped.
HEALTH_TASKS_LATE_SECONDS = int(os.environ.get("HEALTH_TASKS_LATE_SECONDS", "300"))
# /metrics answers only this bearer token, and does not exist without one.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# A request slower than this is logged at WARNING with its slowest query.
SLOW_REQUEST_MS = int(os.environ.get("SLOW_REQUEST_MS", "1000"))
# A pilot's data is deleted this many days after its weeks end (the privacy page says so;
# `manage.py purge_pilot_data` does it): a term's worth, long enough to compare the next run.
PILOT_DATA_RETENTION_DAYS = env_int("PILOT_DATA_RETENTION_DAYS", 180)
# The largest pilot export accepted, in bytes (and what a .gz or .zip may expand to): a
# whole term's Moodle log of a large course fits (docs/pilot-imports.md).
PILOT_IMPORT_MAX_BYTES = env_int("PILOT_IMPORT_MAX_BYTES", 200_000_000)
# The pilot evidence page's pass mark for formative results per outcome, in percent of the
# score (our default: the evidence page counts the learners at or above it).
PILOT_PASS_MARK_PERCENT = env_int("PILOT_PASS_MARK_PERCENT", 60)
# Where an upload waits for the worker (deleted when its import ends, whatever happened).
# The worker must see the same directory as the web server.
PILOT_UPLOAD_DIR = os.environ.get("PILOT_UPLOAD_DIR", str(BASE_DIR / "var" / "pilot-uploads"))

# Logs go to standard error (journald under systemd): one JSON object a line in production,
# key=value lines in development (LOG_FORMAT=json or text), each with its request's id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "blendplan.log_format.RequestIdFilter"},
        # No line holds a link token (a learners' page, survey, feed or password reset).
        "redact_tokens": {"()": "blendplan.log_format.RedactTokensFilter"},
    },
    "formatters": {
        "json": {"()": "blendplan.log_format.JsonFormatter"},
        "text": {"()": "blendplan.log_format.KeyValueFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact_tokens"],
            "formatter": os.environ.get("LOG_FORMAT", "text" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes: failed sign-ins and lockouts are WARNINGs; its INFO lines repeat each.
        "axes": {"level": os.environ.get("LOGIN_LOG_LEVEL", "WARNING")},
        # Django's own handlers (a plain console copy under DEBUG, mail_admins) dropped:
        # its lines go through ours, formatted and redacted like every other.
        "django": {"level": "INFO"},
        # Django names the request's path in these: redacted before any handler sees it.
        "django.request": {"filters": ["redact_tokens"]},
        "django.security.csrf": {"filters": ["redact_tokens"]},
        # runserver's own line per request repeats ours (blendplan.requests): only its
        # warnings (4xx, 5xx), through our handler rather than Python's last resort.
        "django.server": {"level": "WARNING", "propagate": True, "filters": ["redact_tokens"]},
    },
}
