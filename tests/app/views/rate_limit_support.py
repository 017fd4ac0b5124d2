"""An app with the limits on, counting in the real Redis when one answers (else in memory, and said so)."""
import os
import uuid

import pytest

from config import TestConfig

REDIS_URL = os.environ.get("NAFIDA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# One prefix per test session: Flask-Limiter keeps the first prefix it is given, and other
# people's runs on the same Redis stay apart. Each test's keys are deleted after it.
KEY_PREFIX = f"nafida-test-{uuid.uuid4().hex[:12]}"
# What the rate-limit tests counted in, for the summary line (tests/conftest.py).
STORAGES_USED: set[str] = set()


def redis_answers(url: str = REDIS_URL) -> bool:
    """True when a Redis server answers PING at ``url`` within half a second."""
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5).ping())
    except Exception:
        return False


def limited_config(base_app, tmp_path, **limits):
    """A TestConfig with the limits on, in Redis when it answers, under a key prefix of its own."""
    storage = REDIS_URL if redis_answers() else "memory://"
    STORAGES_USED.add("redis" if storage != "memory://" else "memory")

    class Limited(TestConfig):
        INSTANCE_DIR = tmp_path
        SQLALCHEMY_DATABASE_URI = base_app.config["SQLALCHEMY_DATABASE_URI"]
        ATTACHMENTS_DIR = tmp_path / "attachments"
        MAIL_OUTBOX_DIR = tmp_path / "outbox"
        RATELIMIT_ENABLED = True
        RATELIMIT_STORAGE_URI = storage
        RATELIMIT_KEY_PREFIX = KEY_PREFIX

    for name, value in limits.items():
        setattr(Limited, name, value)
    return Limited


def forget_counts(config) -> None:
    """Delete this test's counters from Redis (other runs and other people's keys stay)."""
    if config.RATELIMIT_STORAGE_URI.startswith("redis"):
        import redis

        server = redis.Redis.from_url(config.RATELIMIT_STORAGE_URI)
        for key in server.scan_iter(match=f"*{config.RATELIMIT_KEY_PREFIX}*", count=500):
            server.delete(key)


@pytest.fixture
def limited(app, tmp_path):
    """Factory: limited(LOOKUP_RATE_LIMIT="3 per minute", …) → an app with those limits on.

    The shared limiter is switched back off afterwards, and its Redis keys deleted.
    """
    from app import create_app
    from app.extensions import limiter

    was_enabled, configs = limiter.enabled, []

    def make(**limits):
        config = limited_config(app, tmp_path, **limits)
        configs.append(config)
        return create_app(config)

    yield make
    for config in configs:
        forget_counts(config)
    limiter.enabled = was_enabled
