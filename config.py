"""One configuration, read from the environment, with safe development defaults."""
import json
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
# The development key the code once shipped: refused everywhere (see app/secret_key.py).
DEV_SECRET = "dev-only-not-secret"


def _env(name, default=None):
    return os.environ.get(name, default)


def database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


# The sign-off an office would usually set (LETTER_SIGNOFF): refusals and partial grants are
# approved by a supervisor, the head's decision is signed by the head (issue 5 §4).
RECOMMENDED_SIGNOFF = {
    "answer": {"approver": "supervisor", "outcomes": ["refused", "partly_granted"]},
    "head_decision": {"approver": "head"},
}


class Config:
    """Settings for every environment; production refuses the development secret."""

    # Unset: development writes a random key to the instance folder; production refuses to start.
    SECRET_KEY = _env("SECRET_KEY")
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

    # --- h5-public: throttling, sessions, tokens, personal data (docs/security.md) ---
    # Every limit is a Flask-Limiter string ("10 per hour;30 per day"); RATELIMIT_ENABLED=0 turns all off.
    RATELIMIT_ENABLED = _env("RATELIMIT_ENABLED", "1") != "0"
    SUBMIT_RATE_LIMIT = _env("SUBMIT_RATE_LIMIT", "10 per hour;30 per day")       # per client address
    SUBMIT_GLOBAL_RATE_LIMIT = _env("SUBMIT_GLOBAL_RATE_LIMIT", "300 per hour")   # all addresses together
    ACCESS_CODE_REISSUE_RATE_LIMIT = _env("ACCESS_CODE_REISSUE_RATE_LIMIT", "5 per hour")   # per address
    ACCESS_CODE_REISSUE_PER_REFERENCE = _env("ACCESS_CODE_REISSUE_PER_REFERENCE", "3 per day")
    MAX_SUBMISSION_ATTACHMENT_BYTES = int(_env("MAX_SUBMISSION_ATTACHMENT_BYTES", 10 * 1024 * 1024))
    ATTACHMENT_BYTES_PER_ADDRESS_PER_DAY = int(_env("ATTACHMENT_BYTES_PER_ADDRESS_PER_DAY", 30 * 1024 * 1024))
    # Links e-mailed to applicants: confirming an address, getting a new access code.
    EMAIL_CONFIRMATION_DAYS = int(_env("EMAIL_CONFIRMATION_DAYS", 30))
    ACCESS_CODE_LINK_MINUTES = int(_env("ACCESS_CODE_LINK_MINUTES", 60))
    RECEIPT_SWITCH_MINUTES = int(_env("RECEIPT_SWITCH_MINUTES", 30))   # the one-time page's language switch
    # Staff sessions (server-side record) and API bearer tokens.
    STAFF_SESSION_HOURS = int(_env("STAFF_SESSION_HOURS", 12))
    API_TOKEN_DAYS = int(_env("API_TOKEN_DAYS", 90))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env("SESSION_COOKIE_SECURE", "0") == "1"   # always on in production
    HSTS_SECONDS = int(_env("HSTS_SECONDS", 365 * 24 * 3600))              # sent in production only
    # Law 09-08: the information notice on every form, and retention after closing.
    CNDP_REFERENCE = _env("CNDP_REFERENCE", "")          # the CNDP declaration/authorisation number
    PRIVACY_CONTACT_EMAIL = _env("PRIVACY_CONTACT_EMAIL", "")
    PERSONAL_DATA_RETENTION_MONTHS = int(_env("PERSONAL_DATA_RETENTION_MONTHS", 24))
    ANONYMISE_INTERVAL_HOURS = int(_env("ANONYMISE_INTERVAL_HOURS", 24))   # 0: no scheduled job

    REMINDER_LEAD_WORKING_DAYS = int(_env("REMINDER_LEAD_WORKING_DAYS", 3))
    SWEEP_INTERVAL_MINUTES = int(_env("SWEEP_INTERVAL_MINUTES", 15))

    # h3-talk: the message thread and requests for clarification (LAW.md §4.7).
    # keep_running: the answer clock keeps running (the law does not stop it);
    # restart_on_reply: it restarts from the applicant's reply (day 0 = the reply's local date).
    CLARIFICATION_CLOCK_POLICY = _env("CLARIFICATION_CLOCK_POLICY", "keep_running")
    MESSAGE_MAX_CHARS = int(_env("MESSAGE_MAX_CHARS", 5000))
    MESSAGE_MAX_ATTACHMENTS = int(_env("MESSAGE_MAX_ATTACHMENTS", 3))      # files per reply
    CASE_MAX_ATTACHMENTS = int(_env("CASE_MAX_ATTACHMENTS", 30))           # files per case, in all
    MESSAGES_PER_PAGE = int(_env("MESSAGES_PER_PAGE", 20))
    # --- h1-deliver: released documents and the sign-off of letters (issue 5 §1, §4) ---
    # Documents released with an answer (art. 14, 18): accepted types (checked by content),
    # bytes per file, and bytes and files per case.
    RELEASED_DOCUMENT_TYPES = (
        "application/pdf", "image/jpeg", "image/png", "text/csv",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
    )
    RELEASED_DOCUMENT_MAX_BYTES = int(_env("RELEASED_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))
    RELEASED_DOCUMENTS_MAX_BYTES = int(_env("RELEASED_DOCUMENTS_MAX_BYTES", 100 * 1024 * 1024))
    RELEASED_DOCUMENTS_MAX_FILES = int(_env("RELEASED_DOCUMENTS_MAX_FILES", 20))
    # Letters that need a sign-off before they are issued: letter kind → the approver's
    # role and, optionally, the outcomes concerned; the approver's own action needs no
    # further sign-off. Off by default, so that an action taken through the API (the
    # national portals) issues its letter at once, as the API contract says; an office
    # turns it on with JSON in LETTER_SIGNOFF, e.g. RECOMMENDED_SIGNOFF.
    LETTER_SIGNOFF = json.loads(_env("LETTER_SIGNOFF", "null")) or {}
    # Statistics (h8-stats): the portal's snapshot is refreshed by the scheduler every
    # PUBLIC_STATISTICS_REFRESH_MINUTES; a page view recomputes it only past MAX_AGE_HOURS.
    PUBLIC_STATISTICS_REFRESH_MINUTES = int(_env("PUBLIC_STATISTICS_REFRESH_MINUTES", 360))
    PUBLIC_STATISTICS_MAX_AGE_HOURS = int(_env("PUBLIC_STATISTICS_MAX_AGE_HOURS", 26))
    # --- h9b-disclosure: the disclosure log (art. 10) ---
    # A granted or partly granted answer is published this many working days after the applicant
    # received it (until delivery records exist: the answer letter's issue date), unless withheld.
    DISCLOSURE_DELAY_WORKING_DAYS = int(_env("DISCLOSURE_DELAY_WORKING_DAYS", 20))
    # Answers given before this date (YYYY-MM-DD, Casablanca) are never published by the scheduler
    # (e.g. the day the log was opened); empty: every answer.
    DISCLOSURE_PUBLISH_SINCE = _env("DISCLOSURE_PUBLISH_SINCE", "")
    DISCLOSURE_PUBLISH_INTERVAL_MINUTES = int(_env("DISCLOSURE_PUBLISH_INTERVAL_MINUTES", 60))
    DISCLOSURES_PER_PAGE = int(_env("DISCLOSURES_PER_PAGE", 20))
    # Files added to the register of proactive publications (accepted types as released documents).
    REGISTER_DOCUMENTS_MAX_FILES = int(_env("REGISTER_DOCUMENTS_MAX_FILES", 5))
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
    # SQLite: each connection's page cache, in KiB (SQLite's own default is 2 MiB).
    SQLITE_CACHE_KIB = int(_env("SQLITE_CACHE_KIB", 65536))
    # --- h8a-chain: the CDAI's contact details (art. 20), printed wherever its route opens
    # (the head's decision, the head-silence e-mail, the status page); an unset one is left out.
    CDAI_POSTAL_ADDRESS = _env("CDAI_POSTAL_ADDRESS", "")
    CDAI_EMAIL = _env("CDAI_EMAIL", "")
    CDAI_WEBSITE = _env("CDAI_WEBSITE", "https://www.chafafiya.ma")   # the national portal it runs (LAW.md §1)

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
        """Raise RuntimeError when a setting is unsafe (the built-in key, no key in production), ValueError for an
        unknown clarification policy."""
        if cls.SECRET_KEY == DEV_SECRET:
            raise RuntimeError("SECRET_KEY is the published development key: unset it or set a random one")
        if cls.NAFIDA_ENV == "production" and not cls.SECRET_KEY:
            raise RuntimeError("SECRET_KEY must be set in production")
        if cls.NAFIDA_ENV == "production" and not cls.ACCESS_CODE_KEYS:
            raise RuntimeError("ACCESS_CODE_KEYS must be set in production")
        if cls.NAFIDA_ENV == "production" and cls.RATELIMIT_ENABLED and cls.RATELIMIT_STORAGE_URI.startswith("memory"):
            # Each gunicorn worker would count alone: the limits would be N times looser.
            raise RuntimeError("set RATELIMIT_STORAGE_URI (e.g. redis://host:6379/0) in production")
        from workflows.clarification import policy

        policy(cls.CLARIFICATION_CLOCK_POLICY)   # a misspelt policy stops the start, not a reply


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-only-key-never-used-outside-the-test-suite"
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    RATELIMIT_ENABLED = False
    # Letters go out when the action is taken (the sign-off tests enable Config.LETTER_SIGNOFF).
    LETTER_SIGNOFF: dict = {}
    CALENDAR_RECHECK_SECONDS = RECOMPUTE_SETTLE_SECONDS = 0   # tests change the table and recount at once
