"""The selection core's reasons (codes and details) said in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from techbridge.catalogue.models import TechnologyField
from techbridge.i18n_text import pick_text


def _fields(blocked: Mapping[str, int]) -> str:
    names = {
        code: pick_text(names).text
        for code, names in TechnologyField.objects.filter(code__in=list(blocked)).values_list(
            "code", "names"
        )
    }
    return "; ".join(
        _("%(field)s (at most %(maximum)d)") % {"field": names.get(code, code), "maximum": maximum}
        for code, maximum in blocked.items()
    )


def selection_reason(code: str, details: Mapping[str, Any]) -> str:
    """An empty string for an unknown code (the caller then shows the stored text)."""
    rank, place = details.get("rank", 0), details.get("place", 0)
    blocked = details.get("blocked") or {}
    if code == "selected":
        return _("rank %(rank)d by score") % {"rank": rank}
    if code == "selected_over_full_fields":
        return _(
            "rank %(rank)d by score, chosen over better-scored projects whose fields were full"
        ) % {"rank": rank}
    if code in ("reserve", "reserve_over_quota"):
        text = _("reserve no. %(place)d") % {"place": place}
        if code == "reserve_over_quota":
            text = _("reserve no. %(place)d, over the field quotas: too few projects fit them") % {
                "place": place
            }
        if blocked:
            text += "; " + _("not selected because a field quota is full: %(fields)s") % {
                "fields": _fields(blocked)
            }
        return text
    if code == "quota_full":
        return _("a field quota is full: %(fields)s") % {"fields": _fields(blocked)}
    if code == "below_cutoff" and details.get("cutoff") is not None:
        return _("score %(score).1f is below the selection cut-off %(cutoff).1f") % {
            "score": details.get("score", 0.0),
            "cutoff": details["cutoff"],
        }
    if code == "nothing_to_select":
        return _("no projects are to be selected")
    if code == "nothing_fits":
        return _("no project fits the quotas")
    return ""


def _listed(values: Any) -> str:
    return ", ".join(str(value) for value in values or [])


def assignment_reason(explanation: Any) -> tuple[str, bool]:
    """A stored explanation of an assignment run in the reader's language.

    Returns the text and whether it was translated; runs stored before explanations had
    codes hold plain English strings, which come back as they are (``False``)."""
    if isinstance(explanation, str):
        return explanation, False
    code = explanation.get("code", "")
    details = explanation.get("details") or {}
    values = {
        **details,
        "kept": _listed(details.get("kept")),
        "dropped": _listed(details.get("dropped")),
        "projects": _listed(details.get("projects")),
        "experts": _listed(details.get("experts")),
    }
    templates = {
        "locked_conflict": _(
            "The fixed pair %(project)s – %(expert)s was dropped: a conflict of interest is "
            "never assigned."
        ),
        "locked_over_reviews": _(
            "%(project)s has more fixed reviewers (%(count)d) than reviews per project "
            "(%(needed)d): kept %(kept)s; dropped %(dropped)s."
        ),
        "locked_over_load": _(
            "%(expert)s has more fixed projects (%(count)d) than the maximum load "
            "(%(maximum)d): dropped %(dropped)s."
        ),
        "few_without_conflict": _(
            "%(project)s: experts without a conflict of interest: %(count)d (%(needed)d needed)."
        ),
        "few_with_room": _(
            "%(project)s: experts without a conflict of interest who still have room: "
            "%(count)d of %(total)d (%(needed)d needed)."
        ),
        "capacity_short": _(
            "The experts can give %(capacity)d reviews in all, fewer than the %(needed)d required."
        ),
        "minimum_over_maximum": _(
            "%(expert)s: the minimum load %(minimum)d exceeds the maximum load %(maximum)d."
        ),
        "few_projects": _(
            "%(expert)s: projects without a conflict of interest: %(count)d (minimum load "
            "%(minimum)d)."
        ),
        "minimum_short": _(
            "The minimum loads add up to %(minimum)d reviews, more than the %(needed)d to give."
        ),
        "bottleneck_no_expert": _(
            "%(projects)s compete for the same experts; reviews missing: %(missing)d. No "
            "expert without a conflict of interest is left for them."
        ),
        "bottleneck_full": _(
            "%(projects)s compete for the same experts; reviews missing: %(missing)d. Every "
            "expert without a conflict of interest who is not yet reviewing them is at the "
            "maximum load: %(experts)s."
        ),
        "below_minimum": _(
            "%(expert)s: %(load)d reviews, below the minimum load %(minimum)d: the projects "
            "this expert may review cannot give more without leaving a project short or "
            "another expert below the minimum."
        ),
        "time_limit": _(
            "The time limit was reached after %(rounds)d rounds: the assignment keeps every "
            "constraint but is not proven optimal."
        ),
        "time_limit_short": _(
            "The time limit was reached after %(rounds)d rounds: the assignment keeps every "
            "constraint but is not proven optimal, and more reviews may be possible."
        ),
        "pool_empty": _("The expert pool is empty."),
        "similarity_unavailable": _(
            "Matching similarity is unavailable: affinity uses technology fields and bids only."
        ),
    }
    template = templates.get(code)
    if template is None:
        return str(explanation.get("text", "")), False
    try:
        return template % values, True
    except (KeyError, TypeError, ValueError):  # details of an older or damaged run
        return str(explanation.get("text", "")), False
