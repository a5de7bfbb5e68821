"""The upload form of catalogue imports: what the file holds, for whom, and the file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue import rules
from techbridge.catalogue.enums import ItemKind
from techbridge.catalogue.transfer.readers import (
    FileRefused,
    RawRows,
    check_size,
    max_bytes,
    read_upload,
)


def importable_kinds(user: Any) -> list[ItemKind]:
    """The kinds of item the user may import (those they may create)."""
    return [kind for kind in ItemKind if rules.can_create_item(user, kind)]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("The file contains"))
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV, Excel workbook (XLSX) or JSON. Start from a template so that the columns "
            "are understood."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations_by_kind = {
            kind.value: rules.organisations_for_kind(user, kind) for kind in importable_kinds(user)
        }
        self.fields["kind"].choices = [
            (kind, ItemKind(kind).label) for kind in self.organisations_by_kind
        ]
        organisation_ids = {
            organisation.pk
            for organisations in self.organisations_by_kind.values()
            for organisation in organisations
        }
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=organisation_ids)
        self.rows: RawRows | None = None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name or "file"
        try:
            # The announced size first, so that an oversized file is not read at all; then
            # at most one byte more than the limit, in case the announcement was wrong.
            check_size(upload.size or 0, name)
            self.rows = read_upload(upload.read(max_bytes() + 1), name)
        except FileRefused as error:
            raise forms.ValidationError(str(error), code="refused") from error
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind, organisation = cleaned.get("kind"), cleaned.get("organisation")
        if kind and organisation and organisation not in self.organisations_by_kind[kind]:
            self.add_error(
                "organisation",
                _("You cannot add this kind of item on behalf of this organisation."),
            )
        return cleaned
