"""E-mails of the events domain, each in its recipient's language."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import User
from techbridge.events.models import Event
from techbridge.mail import absolute_url, send_templated_mail


def event_link(view_name: str, language: str, **kwargs: Any) -> str:
    """A full link to an events page, in ``language``."""
    with translation.override(language):
        return absolute_url(reverse(view_name, kwargs=kwargs))


def notify(
    users: list[User],
    template: str,
    *,
    event: Event,
    view_name: str = "events:detail",
    view_kwargs: dict[str, Any] | None = None,
    **context: Any,
) -> None:
    """Send ``events/email/<template>`` to each user in their language, with a link to
    ``view_name`` (the event page unless told otherwise)."""
    for user in users:
        language = user.preferred_language
        send_templated_mail(
            to=user.email,
            language=language,
            template=f"events/email/{template}",
            context={
                "user": user,
                "event": event,
                "link": event_link(view_name, language, **(view_kwargs or {"pk": event.pk})),
                **context,
            },
        )
