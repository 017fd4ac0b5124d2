"""PLACEHOLDER — the notifications helper replaces this module (outbox + SMTP)."""


def queue_letter_email(case, letter):
    return None


def deliver_pending():
    return 0
