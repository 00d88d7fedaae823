"""
Settings for Säkerhetsportalen.

Everything that differs between a developer's machine and production comes from the
environment; `.env.example` lists every variable. The defaults are for development:
SQLite in the project folder, Celery tasks run in-process, mail printed to the console.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envstr(name: str, default: str = "") -> str:
    """Read a string; NAME_FILE (a path) wins, as Docker secrets are files."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in envstr(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", True)
SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The widget templates through TEMPLATES (FORM_RENDERER below), so templates/ may override
    # one: the admin's split date and time widget gets its labels there.
    "django.forms",
    "guardian",
    "simple_history",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "policy",
    "incidenter",
    "risker",
    "krisberedskap",
    "uppfoljning",
    "verksamhet",
    "informationssakerhet",
    "paminnelser",
    "konton",
    "rapporter",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "konton.middleware.SessionsfornyelseMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Nothing a logged-in person is shown is kept in a cache (private, no-store).
    "konton.middleware.IngenCacheMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Roles that must use two-factor authentication enter a code before any page.
    "konton.middleware.TvafaktorMiddleware",
    # Input too large for the database is a 400, not a 500.
    "konton.middleware.FelaktigIndataMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A view past its rate limit (django-ratelimit) answers with RATELIMIT_VIEW.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "koping_sakerhet.urls"
WSGI_APPLICATION = "koping_sakerhet.wsgi.application"

# No "loaders": Django then keeps every template compiled once per process (the cached
# loader), which pages and form widgets are drawn with (tests/project/test_security_deploy.py).
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
                "paminnelser.context_processors.olasta",
                "portal.meny.huvudmeny",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0 if DEBUG else 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent submits in the test suite and the dev server wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    # PostgreSQL's JIT compiler pays ~100-400 ms per query once a plan's estimated cost
    # passes jit_above_cost, which the incident list at 100 000 rows does; short web
    # queries never win that back (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Django reads .iterator() (every ModelChoiceField's options) through a server-side
    # cursor: DECLARE, FETCH and CLOSE, three round trips for a list of twenty rows.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "policy.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, reading permissions in one query (every page asks for them).
    "konton.backends.Behorigheter",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Guardian: no anonymous user object; we never grant anything to anonymous visitors.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["koping_sakerhet.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
WHITENOISE_USE_FINDERS = DEBUG
# Uploaded files are never served by URL: only through permission-checked views.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_ATTACHMENT_SIZE = envint("MAX_ATTACHMENT_SIZE", 20 * 1024 * 1024)

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    _redis = {
        # Django's, degrading to a miss when Redis does not answer (lib/rediscache.py).
        # Short timeouts: a hung Redis costs a page at most one second, and then nothing
        # while the backend leaves it alone.
        "BACKEND": "lib.rediscache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    CACHES = {
        "default": _redis,
        # The rate limits' counters: while Redis does not answer, each process counts alone
        # rather than not at all.
        "ratelimit": {
            **_redis,
            "KEY_PREFIX": "ratelimit",
            "RESERV": "django.core.cache.backends.locmem.LocMemCache",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
        },
    }

# Sessions end after inactivity: activity renews the cookie's age, at most once a minute
# (konton.middleware.SessionsfornyelseMiddleware), so that a session is not written to the
# database on every page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_RENEW_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Celery: with no REDIS_URL every task runs in-process, so `make run` needs no services.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A broker that is down must not hang a request: fail fast, the sweep catches up.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "socket_connect_timeout": 2}
CELERY_TASK_PUBLISH_RETRY = False

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Säkerhetsportalen <sakerhet@koping.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Hardening. Production runs behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else envint("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy: nothing inline, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling: five failures lock that account from that address for 30 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Behind the TLS proxy: how many proxies append to X-Forwarded-For (0: use REMOTE_ADDR).
# Axes and the rate limits then count the real client, not the proxy.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
# Only a request from one of these addresses (the proxy: on the host or in the Docker
# network, where docker-compose.yml publishes the app, never on a public interface) may
# name the client in X-Forwarded-For. Anyone else's header is ignored.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "127.0.0.0/8,::1/128,172.16.0.0/12")
try:
    import ipaddress as _ipaddress

    for _proxy in TRUSTED_PROXIES:
        _ipaddress.ip_network(_proxy, strict=False)
except ValueError as _fel:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_fel}") from None
AXES_CLIENT_IP_CALLABLE = "lib.ratelimit.client_ip"
# Rate limits (django-ratelimit) on the login form, the two-factor codes and the report
# forms, in their own cache (above), by the address axes sees; a view past its limit
# answers with the Swedish 429 page.
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_IP_META_KEY = "lib.ratelimit.client_ip"
RATELIMIT_VIEW = "lib.ratelimit.for_manga_forsok"
# The login form per minute: per address and user name, and per address.
LOGIN_RATE_LIMIT = envint("LOGIN_RATE_LIMIT", 10)
LOGIN_RATE_LIMIT_PER_IP = envint("LOGIN_RATE_LIMIT_PER_IP", 60)

# Two-factor authentication (TOTP) for säkerhetsavdelning, säkerhetschef and
# systemadministratör (konton/tvafaktor.py). On in production; off by default while DEBUG
# is on, so the demo logins work with the password alone.
OTP_REQUIRED = envbool("OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Säkerhetsportalen Köpings kommun"
# The admin never shows an authenticator's secret (its key, config page or QR code).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Single sign-on with the organisation account (OpenID Connect), only when configured.
OIDC_RP_CLIENT_ID = envstr("OIDC_RP_CLIENT_ID")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_CREATE_USER = envbool("OIDC_CREATE_USERS", False)
OIDC_GROUPS_CLAIM = envstr("OIDC_GROUPS_CLAIM")
# "provider group=role,…", e.g. "SG-Sakerhet=sakerhetsavdelning"; unmapped names are
# compared with the role names as they are.
OIDC_GROUP_MAP = dict(part.split("=", 1) for part in envlist("OIDC_GROUP_MAP") if "=" in part)
# True when the identity provider itself asks for a second factor: no TOTP step after it.
OIDC_MFA_AT_IDP = envbool("OIDC_MFA_AT_IDP", False)
if OIDC_ENABLED:
    OIDC_RP_CLIENT_SECRET = envstr("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = envstr("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = envstr("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = envstr("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = envstr("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = envstr("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = envstr("OIDC_RP_SCOPES", "openid email profile")
    OIDC_USE_PKCE = True
    _oidc_missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _oidc_missing:
        raise ImproperlyConfigured(
            f"OIDC_RP_CLIENT_ID is set, so these must be too: {', '.join(_oidc_missing)}"
        )
    AUTHENTICATION_BACKENDS.insert(-1, "konton.oidc.KommunOIDCBackend")
    LOGIN_REDIRECT_URL_FAILURE = "/logga-in/"

# A governing document, risk or risk analysis is due for review this many days before its
# review date: "Vårt ansvar" lists it as due, and its body is reminded (then again on the day).
# A quarter: a revision that needs a nämnd's decision takes that long to prepare.
OVERSYN_DAGAR_FORE = 90

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and fontTools report every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
