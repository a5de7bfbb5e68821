"""Template tags for multilingual texts: the reader's language first, always labelled."""

from __future__ import annotations

from django import template
from django.conf import settings

from techbridge.i18n_text import SHORT_LANGUAGE_LABELS, PickedText, ordered_texts, pick_text

register = template.Library()


@register.simple_tag(takes_context=True, name="pick_text")
def pick_text_tag(context: template.Context, texts: dict[str, str] | None) -> PickedText:
    """``{% pick_text obj.titles as title %}``: the text to show the current reader."""
    return pick_text(texts, context.get("LANGUAGE_CODE"))


@register.simple_tag(takes_context=True, name="ordered_texts")
def ordered_texts_tag(context: template.Context, texts: dict[str, str] | None) -> list[PickedText]:
    return ordered_texts(texts, context.get("LANGUAGE_CODE"))


@register.filter
def html_language(content_language: str) -> str:
    """The HTML ``lang`` value of a content language code."""
    return "zh-Hans" if content_language == "zh" else content_language


@register.simple_tag
def time_zone_label(zone: object) -> str:
    """The translated name of a time zone offered in profiles, else its identifier."""
    name = str(zone)
    return str(dict(settings.TIME_ZONE_CHOICES).get(name, name))


@register.filter
def language_label(content_language: str) -> str:
    """The short label of a content language in the reader's language (ZH, 中, КИТ…)."""
    return str(SHORT_LANGUAGE_LABELS.get(content_language, content_language.upper()))
