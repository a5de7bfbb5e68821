"""The booklet of a call's selected projects: one PDF in Chinese, Russian and English,
with the Chinese font embedded, to hand out at the roadshow.

Labels are written in all three languages at once (each through the translation
catalogue of its language); project texts show every language the holder gave.
WeasyPrint embeds the subset of "Noto Sans CJK SC" (Debian's fonts-noto-cjk) that the
booklet uses; the font also covers Latin and Cyrillic, so one font serves every page.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from techbridge.calls.models import Call
from techbridge.calls.selectors import selected_submissions
from techbridge.catalogue.enums import CooperationForm, IntellectualPropertyStatus
from techbridge.catalogue.models import TechnologyField
from techbridge.i18n_text import clean_texts

PDF_MEDIA_TYPE = "application/pdf"
#: Interface language of each content language.
INTERFACE = {"zh": "zh-hans", "ru": "ru", "en": "en"}
LANGUAGES = ("zh", "ru", "en")


def _in_each_language(function: Any, *args: Any) -> list[tuple[str, str]]:
    """``[(language, text), …]``: the same label in Chinese, Russian and English; a
    language whose catalogue has no translation yet (the English text) is left out rather
    than printed twice."""
    texts = {}
    for language in LANGUAGES:
        with translation.override(INTERFACE[language]):
            texts[language] = str(function(*args))
    return [
        (language, text)
        for language, text in texts.items()
        if language == "en" or text != texts["en"]
    ]


def _labels() -> dict[str, list[tuple[str, str]]]:
    return {
        "booklet": _in_each_language(_, "Selected projects"),
        "holder": _in_each_language(_, "Technology holder"),
        "field": _in_each_language(_, "Technology field"),
        "readiness": _in_each_language(_, "Technology readiness level"),
        "ip": _in_each_language(_, "Intellectual property"),
        "cooperation": _in_each_language(_, "Cooperation sought"),
        "advantages": _in_each_language(_, "Advantage over the incumbent solution"),
        "summary": _in_each_language(_, "Summary"),
        "empty": _in_each_language(_, "No project has been selected yet."),
    }


def _ordered(texts: Any) -> list[tuple[str, str]]:
    """``[(language, text), …]`` in the booklet's order, only the languages given."""
    cleaned = clean_texts(texts)
    return [(language, cleaned[language]) for language in LANGUAGES if language in cleaned]


def _project(submission: Any, fields: dict[str, TechnologyField]) -> dict[str, Any]:
    snapshot = submission.snapshot
    ip_status = snapshot.get("ip_status") or IntellectualPropertyStatus.NONE
    forms = [
        code for code in snapshot.get("cooperation_forms", []) if code in CooperationForm.values
    ]
    return {
        "code": submission.code,
        "titles": _ordered(snapshot.get("titles")),
        "summaries": _ordered(snapshot.get("summaries")),
        "advantages": _ordered(snapshot.get("advantages")),
        "organisation": _ordered(submission.organisation.names),
        "fields": [
            _ordered(fields[code].names) for code in snapshot.get("fields", []) if code in fields
        ],
        "readiness": snapshot.get("readiness_level"),
        "ip": _in_each_language(lambda: IntellectualPropertyStatus(ip_status).label),
        "cooperation": _in_each_language(
            lambda: ", ".join(str(CooperationForm(code).label) for code in forms)
        )
        if forms
        else [],
        "patents": snapshot.get("patents", []),
    }


def booklet_html(call: Call) -> str:
    submissions = list(selected_submissions(call))
    codes = {code for submission in submissions for code in submission.snapshot.get("fields", [])}
    fields = {field.code: field for field in TechnologyField.objects.filter(code__in=codes)}
    return render_to_string(
        "calls/booklet.html",
        {
            "call": call,
            "titles": _ordered(call.titles),
            "themes": _ordered(call.themes),
            "labels": _labels(),
            "projects": [_project(submission, fields) for submission in submissions],
            "languages": LANGUAGES,
            "generated_at": timezone.now(),
        },
    )


def booklet_pdf(call: Call) -> bytes:
    """The booklet's PDF bytes."""
    # Imported on first use: WeasyPrint takes seconds to load, and only this export
    # needs it.
    from weasyprint import HTML

    return HTML(string=booklet_html(call)).write_pdf()
