"""Sending e-mail in the recipient's language, through Django's e-mail backends."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    """A full link for e-mails, on the site's public address (``SITE_URL``)."""
    return settings.SITE_URL.rstrip("/") + path


def send_templated_mail(*, to: str, language: str, template: str, context: dict[str, Any]) -> None:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in
    ``language`` and send them as one message."""
    with translation.override(language):
        full_context = {"site_name": settings.SITE_NAME, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", full_context).split())
        text = render_to_string(f"{template}.txt", full_context)
        html = render_to_string(f"{template}.html", full_context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
