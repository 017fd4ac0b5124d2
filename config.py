"""One configuration, read from the environment, with safe development defaults."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
DEV_SECRET = "dev-only-not-secret"


def _env(name, default=None):
    return os.environ.get(name, default)


def database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


class Config:
    """Settings for every environment; production refuses the development secret."""

    SECRET_KEY = _env("SECRET_KEY", DEV_SECRET)
    NAFIDA_ENV = _env("NAFIDA_ENV", "development")
    INSTANCE_DIR = Path(_env("NAFIDA_INSTANCE", BASE_DIR / "instance"))
    SQLALCHEMY_DATABASE_URI = database_url(_env("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'nafida.db'}"))
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    ATTACHMENTS_DIR = Path(_env("ATTACHMENTS_DIR", INSTANCE_DIR / "attachments"))
    MAX_ATTACHMENT_BYTES = int(_env("MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024))
    MAX_CONTENT_LENGTH = 4 * MAX_ATTACHMENT_BYTES
    ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
    # Where applicants reach the portal (QR codes and links in letters and e-mails).
    PUBLIC_BASE_URL = _env("PUBLIC_BASE_URL", f"http://127.0.0.1:{_env('PORT', '5000')}")

    # E-mail: SMTP when MAIL_SERVER is set, else files in the outbox folder.
    MAIL_SERVER = _env("MAIL_SERVER")
    MAIL_PORT = int(_env("MAIL_PORT", 25))
    MAIL_USERNAME = _env("MAIL_USERNAME")
    MAIL_PASSWORD = _env("MAIL_PASSWORD")
    MAIL_USE_TLS = _env("MAIL_USE_TLS", "0") == "1"
    MAIL_SENDER = _env("MAIL_SENDER", "nafida@region-laayoune.ma")
    MAIL_OUTBOX_DIR = Path(_env("MAIL_OUTBOX_DIR", INSTANCE_DIR / "outbox"))

    # Staff passwords are chosen by people: a slow hash. Access codes: see ACCESS_CODE_KEYS.
    PASSWORD_HASH_METHOD = "scrypt"

    # Attempts per client address (Flask-Limiter): staff sign-in and status lookups.
    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = _env("LOGIN_RATE_LIMIT", "10 per minute")
    LOOKUP_RATE_LIMIT = _env("LOOKUP_RATE_LIMIT", "30 per minute")
    # Reverse proxies in front of gunicorn whose X-Forwarded-For/-Proto are trusted.
    TRUSTED_PROXIES = int(_env("TRUSTED_PROXIES", 0))

    REMINDER_LEAD_WORKING_DAYS = int(_env("REMINDER_LEAD_WORKING_DAYS", 3))
    SWEEP_INTERVAL_MINUTES = int(_env("SWEEP_INTERVAL_MINUTES", 15))

    # --- h4-fast: speed at scale, the outbox, the scheduler's jobs --------------------
    # Access codes are long random secrets: a keyed hash (HMAC-SHA256), not a password
    # hash. Comma-separated keys, newest first: new codes use the first; every key still
    # verifies (rotation: put the new key first, keep the old ones until re-keyed).
    # Unset in development: one key derived from SECRET_KEY. Required in production.
    ACCESS_CODE_KEYS = _env("ACCESS_CODE_KEYS", "")
    # The outbox is delivered by the scheduler process, never in a web request.
    MAIL_DELIVERY_SECONDS = int(_env("MAIL_DELIVERY_SECONDS", 60))
    MAIL_MAX_ATTEMPTS = int(_env("MAIL_MAX_ATTEMPTS", 8))
    MAIL_RETRY_SECONDS = int(_env("MAIL_RETRY_SECONDS", 60))        # first retry; x4 each time
    MAIL_RETRY_MAX_SECONDS = int(_env("MAIL_RETRY_MAX_SECONDS", 12 * 3600))
    # How often the scheduler looks for a holiday-table recompute to run.
    RECOMPUTE_POLL_SECONDS = int(_env("RECOMPUTE_POLL_SECONDS", 10))
    # A process re-reads the holiday table's stamp at most this often (a recompute job
    # waits this long plus a margin before it starts, so no count on an older table escapes it).
    CALENDAR_RECHECK_SECONDS = float(_env("CALENDAR_RECHECK_SECONDS", 2))
    RECOMPUTE_SETTLE_SECONDS = float(_env("RECOMPUTE_SETTLE_SECONDS", 3))
    # A standby scheduler tries to become the leader this often (PostgreSQL advisory lock).
    SCHEDULER_LOCK_POLL_SECONDS = float(_env("SCHEDULER_LOCK_POLL_SECONDS", 5))
    # SQLite: how long a writer waits for the database lock before giving up.
    SQLITE_BUSY_TIMEOUT_MS = int(_env("SQLITE_BUSY_TIMEOUT_MS", 30000))

    BABEL_DEFAULT_LOCALE = "ar"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "app" / "translations")
    LANGUAGES = ("ar", "fr")
    WTF_CSRF_TIME_LIMIT = None

    # Letterhead of the institution (configurable per collectivity).
    INSTITUTION = {
        "country_ar": "المملكة المغربية", "country_fr": "Royaume du Maroc",
        "ministry_ar": "وزارة الداخلية", "ministry_fr": "Ministère de l'Intérieur",
        "region_ar": "جهة العيون الساقية الحمراء", "region_fr": "Région de Laâyoune-Sakia El Hamra",
        "body_ar": "مجلس الجهة", "body_fr": "Conseil régional",
        "head_ar": "السيد رئيس مجلس الجهة", "head_fr": "Monsieur le Président du Conseil régional",
        "city_ar": "العيون", "city_fr": "Laâyoune",
    }

    @classmethod
    def check(cls):
        """Raise RuntimeError when a production setting is unsafe."""
        if cls.NAFIDA_ENV == "production" and cls.SECRET_KEY == DEV_SECRET:
            raise RuntimeError("SECRET_KEY must be set in production")
        if cls.NAFIDA_ENV == "production" and not cls.ACCESS_CODE_KEYS:
            raise RuntimeError("ACCESS_CODE_KEYS must be set in production")


class TestConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    RATELIMIT_ENABLED = False
    CALENDAR_RECHECK_SECONDS = RECOMPUTE_SETTLE_SECONDS = 0   # tests change the table and recount at once
