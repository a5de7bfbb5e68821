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
