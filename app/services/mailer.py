"""Sending e-mail: SMTP when ``MAIL_SERVER`` is set, else ``.eml`` files in ``MAIL_OUTBOX_DIR``.

Messages are built with the standard ``email`` package (``EmailMessage``), so an
Arabic subject is RFC 2047-encoded UTF-8 and the body is ``text/plain; charset=utf-8``.
The outbox folder is for development: each message is one file that any mail
client opens.
"""
from __future__ import annotations

import smtplib
import ssl
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from email.header import Header
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, make_msgid
from pathlib import Path


class MailPolicy(EmailPolicy):
    """``email.policy.default``, except that a non-ASCII subject is encoded by ``email.header.Header``.

    The default folder (Python 3.11) can put the space between two words *between*
    two encoded-words, where RFC 2047 says readers drop it ("ينتهي أجل" arrives as
    "ينتهيأجل"); ``Header`` keeps every space inside the encoded text.
    """

    def fold(self, name, value):
        if _encoded_subject(name, value):
            return f"{name}: {Header(str(value), 'utf-8', header_name=name).encode(linesep=self.linesep)}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name, value):
        if _encoded_subject(name, value):
            return self.fold(name, value).encode("ascii")
        return super().fold_binary(name, value)


def _encoded_subject(name, value) -> bool:
    return name.lower() == "subject" and not str(value).isascii()


# 7-bit: bodies are quoted-printable or base64, so any SMTP relay accepts them.
MAIL_POLICY = MailPolicy(cte_type="7bit")


class TransportUnavailable(OSError):
    """The SMTP server cannot be reached, or refused the session (connect, TLS, login)."""


@dataclass(frozen=True)
class Attachment:
    """A file attached to a message (e.g. an issued letter's PDF)."""

    filename: str
    content: bytes
    mimetype: str = "application/pdf"


class UndeliverableAddress(ValueError):
    """The address cannot be written in a message this server is sure to accept (never retried)."""


def deliverable_address(address: str) -> str:
    """``address`` with an internationalised domain in its ASCII (IDNA) form.

    ``salma@مثال.المغرب`` → ``salma@xn--mgbh0fb.xn--mgbc0a9azcg``. A local part that is not
    ASCII would need SMTPUTF8, which many relays lack: UndeliverableAddress.
    """
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        raise UndeliverableAddress(f"not an e-mail address: {address!r}")
    if not local.isascii():
        raise UndeliverableAddress("the part before @ is not ASCII (it would need SMTPUTF8)")
    try:
        domain = domain if domain.isascii() else domain.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise UndeliverableAddress(f"invalid domain: {exc}") from None
    return f"{local}@{domain}"


def build_message(sender: str, recipient: str, subject: str, body: str,
                  attachments: tuple[Attachment, ...] = (), message_id: str | None = None) -> EmailMessage:
    """A UTF-8 plain-text message with its attachments.

    The subject is folded to one line: a header never carries a line break, so
    user text cannot inject headers. ``message_id`` (e.g. the outbox row's stable
    id, so that a message sent again is recognised as the same) defaults to a new one.

    Raises:
        UndeliverableAddress: ``recipient`` cannot be written in a message (see ``deliverable_address``).
    """
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = sender
    message["To"] = deliverable_address(recipient)
    message["Subject"] = " ".join(subject.split())
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    message["Message-ID"] = message_id or make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    message.set_content(body)
    for item in attachments:
        maintype, _, subtype = item.mimetype.partition("/")
        message.add_attachment(item.content, maintype=maintype, subtype=subtype, filename=item.filename)
    return message


class Transport:
    """Sends messages for one batch; use as a context manager.

    Args:
        config: the Flask config (``MAIL_SERVER``, ``MAIL_PORT``, ``MAIL_USERNAME``,
            ``MAIL_PASSWORD``, ``MAIL_USE_TLS``, ``MAIL_OUTBOX_DIR``).

    The SMTP connection is opened on the first message and reused for the batch.
    ``send`` raises ``TransportUnavailable`` when no session can be opened (no
    message can go now), or ``smtplib.SMTPException`` / ``OSError`` when this
    message was not accepted; the caller decides whether to retry.
    """

    TIMEOUT_SECONDS = 10   # a dead server must not hold the scheduler's delivery job for long

    def __init__(self, config):
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def send(self, message: EmailMessage) -> None:
        """Hand ``message`` to the SMTP server, or write it to the outbox folder."""
        if self.config.get("MAIL_SERVER"):
            self._connection().send_message(message)
        else:
            write_outbox(message, Path(self.config["MAIL_OUTBOX_DIR"]))

    def close(self) -> None:
        """Close the SMTP connection, if one is open (errors on quit are ignored)."""
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            cfg = self.config
            host, port = cfg["MAIL_SERVER"], int(cfg.get("MAIL_PORT") or 25)
            try:
                smtp = smtplib.SMTP(host, port, timeout=self.TIMEOUT_SECONDS)
            except (OSError, smtplib.SMTPException) as exc:
                raise TransportUnavailable(f"SMTP {host}:{port}: {exc}") from exc
            try:
                if cfg.get("MAIL_USE_TLS"):
                    smtp.starttls(context=ssl.create_default_context())
                if cfg.get("MAIL_USERNAME"):
                    smtp.login(cfg["MAIL_USERNAME"], cfg.get("MAIL_PASSWORD") or "")
            except (OSError, smtplib.SMTPException) as exc:
                smtp.close()
                raise TransportUnavailable(f"SMTP {host}:{port}: {exc}") from exc
            self._smtp = smtp
        return self._smtp


def write_outbox(message: EmailMessage, folder: Path) -> Path:
    """Write ``message`` as ``<UTC time>-<random>.eml`` in ``folder`` (created if missing).

    The file appears whole or not at all (written under a temporary name, then renamed).
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    path = folder / f"{stamp}-{uuid.uuid4().hex[:12]}.eml"
    partial = path.with_suffix(".part")
    partial.write_bytes(message.as_bytes())
    partial.replace(path)
    return path
