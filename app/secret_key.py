"""The key that signs sessions and e-mailed links: never a published one.

Production must set ``SECRET_KEY``. Elsewhere (``make run``, ``flask …``), an unset
key is read from ``<instance>/secret_key``, written once with 48 random bytes and
owner-only permissions by the first process that starts; the key the code once
shipped (``config.DEV_SECRET``) is refused everywhere (``Config.check``).
"""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

KEY_FILE = "secret_key"
MIN_LENGTH = 32


def resolve(config) -> str:
    """The secret key for an app built from ``config`` (a ``config.Config`` class).

    Raises:
        RuntimeError: production without ``SECRET_KEY``, or a production key shorter
            than 32 characters.
    """
    if config.SECRET_KEY:
        if config.NAFIDA_ENV == "production" and len(config.SECRET_KEY) < MIN_LENGTH:
            raise RuntimeError(f"SECRET_KEY must be at least {MIN_LENGTH} random characters in production")
        return config.SECRET_KEY
    if config.NAFIDA_ENV == "production":
        raise RuntimeError("SECRET_KEY must be set in production")
    return instance_key(Path(config.INSTANCE_DIR))


def instance_key(folder: Path) -> str:
    """The key kept in ``folder/secret_key``, created (mode 0600) when missing.

    Two processes starting together (gunicorn workers) agree: the file is created
    with ``O_EXCL``, and the one that loses the race reads what the winner wrote.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / KEY_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    key = secrets.token_urlsafe(48)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")
    return key


def _read(path: Path) -> str:
    for _ in range(50):   # the winner may still be writing its 64 characters
        key = path.read_text().strip()
        if len(key) >= MIN_LENGTH:
            return key
        time.sleep(0.01)
    raise RuntimeError(f"{path} holds no usable key: delete it to have a new one written")
