"""An email backend whose mail server is down: every send raises, as smtplib does."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages: list) -> int:
        raise smtplib.SMTPException("the mail server is down")
