"""Pages for importing and exporting the catalogue: templates, upload, preview, decision,
export of any filtered list.

An import takes two steps so that nothing is lost and nothing changes before the user
decides: the upload is read and kept in the session, the preview lists every problem, and
only the user's choice ("import", "import only the valid rows" or "cancel") writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language, ngettext, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.models import Organisation
from techbridge.catalogue.enums import ItemKind
from techbridge.catalogue.services.imports import ImportRefused, import_items
from techbridge.catalogue.transfer import writers
from techbridge.catalogue.transfer.columns import group_label
from techbridge.catalogue.transfer.forms import ImportForm, importable_kinds
from techbridge.catalogue.transfer.pending import (
    PendingImport,
    forget_pending_import,
    keep_pending_import,
    pending_import,
)
from techbridge.catalogue.transfer.readers import FORMATS, max_bytes, max_rows
from techbridge.catalogue.transfer.selectors import (
    export_entries,
    filters_from_query,
    items_for_export,
)
from techbridge.catalogue.transfer.validation import ImportReport, check_rows, location_label
from techbridge.i18n_text import pick_text

# An XLSX export is built in memory; longer lists are exported as CSV or JSON, streamed.
XLSX_EXPORT_MAX_ROWS = 20_000
VALID_ROWS_SHOWN = 200


def _kind_or_404(value: str) -> ItemKind:
    try:
        return ItemKind(value)
    except ValueError:
        raise Http404 from None


def _format_or_404(value: str) -> str:
    if value not in FORMATS:
        raise Http404
    return value


def _download(content: bytes | str, file_format: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=writers.MEDIA_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def index(request: HttpRequest) -> HttpResponse:
    """Templates, the way to import, and the export of whole lists."""
    context = {
        "kinds": list(ItemKind),
        "importable_kinds": importable_kinds(request.user),
        "formats": FORMATS,
        "code_listing": writers.code_listing(),
        "technology_fields": writers.technology_field_listing(),
    }
    return render(request, "web/catalogue/transfer/index.html", context)


def template(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    """A file to fill in: headers in the reader's language and one example row."""
    item_kind, file_format = _kind_or_404(kind), _format_or_404(file_format)
    content: bytes | str
    if file_format == "xlsx":
        content = writers.template_xlsx(item_kind)
    elif file_format == "csv":
        content = writers.template_csv(item_kind)
    else:
        content = writers.template_json(item_kind)
    name = f"techbridge-{item_kind.value}-template-{get_language()}.{file_format}"
    return _download(content, file_format, name)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Step one: the file is read and checked for size and content, then kept."""
    if not importable_kinds(request.user):
        raise PermissionDenied
    posted_kind = request.POST.get("kind") if request.method == "POST" else None
    if posted_kind in ItemKind.values and posted_kind not in importable_kinds(request.user):
        # A kind the person's roles do not allow: refused, not merely reported.
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid() and form.rows is not None:
        token = keep_pending_import(
            request.session,
            owner_id=request.user.pk,
            kind=form.cleaned_data["kind"],
            organisation_id=form.cleaned_data["organisation"].pk,
            file_name=(form.cleaned_data["file"].name or "")[:200],
            rows=form.rows,
        )
        return redirect("catalogue_transfer:preview", token=token)
    context = {
        "form": form,
        "limit_megabytes": max_bytes() // (1024 * 1024),
        "limit_rows": max_rows(),
        "kinds": importable_kinds(request.user),
        "formats": FORMATS,
    }
    return render(request, "web/catalogue/transfer/upload.html", context)


def _pending_or_expired(request: HttpRequest, token: str) -> PendingImport | None:
    pending = pending_import(request.session, token, owner_id=request.user.pk)
    if pending is None:
        messages.warning(
            request,
            _(
                "This upload is no longer waiting (it was cancelled, imported or has expired). "
                "Upload the file again."
            ),
        )
    return pending


def _fingerprint(report: ImportReport) -> str:
    """Names the set of good rows, so that a decision applies to the rows the user saw."""
    positions = ",".join(str(row.position) for row in report.valid_rows)
    return hashlib.sha256(positions.encode()).hexdigest()[:20]


def _problem_rows(report: ImportReport) -> list[dict[str, str]]:
    return [
        {
            "location": location_label(report.format, problem.position),
            "column": group_label(report.kind, problem.column) if problem.column else "",
            "key": problem.column,
            "message": problem.message,
        }
        for problem in [*report.header_problems, *report.problems]
    ]


@login_required
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """Step two: every problem of the file, the good rows, and the choice."""
    pending = _pending_or_expired(request, token)
    if pending is None:
        return redirect("catalogue_transfer:upload")
    report = check_rows(pending.kind, pending.rows)
    organisation = Organisation.objects.filter(pk=pending.organisation_id).first()
    context = {
        "pending": pending,
        "kind": ItemKind(pending.kind),
        "organisation": organisation,
        "report": report,
        "problems": _problem_rows(report),
        "bad_row_count": len(report.bad_positions),
        "valid_rows": [
            {
                "location": location_label(report.format, row.position),
                "title": pick_text(row.values.get("titles")),
            }
            for row in report.valid_rows[:VALID_ROWS_SHOWN]
        ],
        "more_valid_rows": max(0, len(report.valid_rows) - VALID_ROWS_SHOWN),
        "fingerprint": _fingerprint(report),
    }
    return render(request, "web/catalogue/transfer/preview.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The user's decision to import: all rows, or only the valid ones."""
    pending = _pending_or_expired(request, token)
    if pending is None:
        return redirect("catalogue_transfer:upload")
    organisation = Organisation.objects.filter(pk=pending.organisation_id).first()
    if organisation is None:
        raise PermissionDenied
    if request.POST.get("fingerprint") != _fingerprint(check_rows(pending.kind, pending.rows)):
        messages.warning(
            request,
            _(
                "The check of the file has changed since you looked at it (the list of "
                "technology fields may have been edited). Look at the result again."
            ),
        )
        return redirect("catalogue_transfer:preview", token=token)
    try:
        result = import_items(
            kind=pending.kind,
            owner=request.user,
            organisation=organisation,
            rows=pending.rows,
            only_valid_rows=request.POST.get("only_valid_rows") == "1",
            file_name=pending.file_name,
            request=request,
        )
    except ImportRefused as error:
        messages.error(request, error.messages[0])
        return redirect("catalogue_transfer:preview", token=token)
    forget_pending_import(request.session, token)
    count = len(result.items)
    messages.success(
        request,
        ngettext(
            "%(count)d item was added to the catalogue as a draft. Check it and submit it "
            "for publication.",
            "%(count)d items were added to the catalogue as drafts. Check them and submit "
            "them for publication.",
            count,
        )
        % {"count": count},
    )
    if result.skipped_positions:
        skipped = len(result.skipped_positions)
        messages.warning(
            request,
            ngettext(
                "%(count)d row with problems was left out.",
                "%(count)d rows with problems were left out.",
                skipped,
            )
            % {"count": skipped},
        )
    # The owner's own list shows the new drafts, ready to be checked and submitted.
    return redirect("catalogue:mine")


@login_required
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    forget_pending_import(request.session, token)
    messages.info(request, _("The import was cancelled; nothing was added to the catalogue."))
    return redirect("catalogue_transfer:upload")


def _in_language(language: str | None, chunks: Iterable[str]) -> Iterator[str]:
    """Stream in the request's language, which may no longer be active when the server
    iterates the response."""
    with override(language):
        yield from chunks


def export(request: HttpRequest) -> HttpResponse:
    """A filtered list as CSV, XLSX or JSON: published items for everyone, or with
    ``mine=1`` the signed-in owner's own items in any status."""
    kind = _kind_or_404(request.GET.get("kind") or ItemKind.OFFER)
    file_format = _format_or_404(request.GET.get("format") or "csv")
    mine = request.GET.get("mine") == "1"
    if mine and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    filters = filters_from_query(request.GET)
    items = items_for_export(kind, filters, owner=request.user if mine else None)
    stamp = timezone.localdate().isoformat()
    name = f"techbridge-{kind.value}{'-mine' if mine else ''}-{stamp}.{file_format}"
    if file_format == "xlsx":
        if items.count() > XLSX_EXPORT_MAX_ROWS:
            messages.error(
                request,
                _(
                    "The list has more than %(limit)d items, too many for one Excel workbook. "
                    "Narrow the filters or export it as CSV or JSON."
                )
                % {"limit": XLSX_EXPORT_MAX_ROWS},
            )
            return redirect("catalogue_transfer:index")
        return _download(writers.write_xlsx(kind, export_entries(items)), file_format, name)
    chunks = (
        writers.write_csv(kind, export_entries(items))
        if file_format == "csv"
        else writers.write_json(kind, export_entries(items))
    )
    response = StreamingHttpResponse(
        _in_language(get_language(), chunks), content_type=writers.MEDIA_TYPES[file_format]
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


transfer_patterns = [
    path("", index, name="index"),
    path("template/<str:kind>/<str:file_format>/", template, name="template"),
    path("import/", upload, name="upload"),
    path("import/<str:token>/", preview, name="preview"),
    path("import/<str:token>/confirm/", confirm, name="confirm"),
    path("import/<str:token>/cancel/", cancel, name="cancel"),
    path("export/", export, name="export"),
]
