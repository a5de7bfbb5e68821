"""Forms of the deals domain."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.deals.enums import DealStage
from techbridge.deals.models import Deal
from techbridge.deals.services import allowed_stages


class DealFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All stages")), *DealStage.choices], required=False
    )


class DealStageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=())
    value = forms.DecimalField(
        label=_("Value"), required=False, min_value=0, max_digits=14, decimal_places=0
    )

    def __init__(self, *args: Any, deal: Deal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            (stage.value, stage.label) for stage in allowed_stages(deal)
        ]
