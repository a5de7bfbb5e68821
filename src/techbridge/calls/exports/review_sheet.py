"""The review sheet of a call as an XLSX workbook, for organisers.

Sheet 1, reviews: one row per reviewer assignment with each criterion's score and
comment, the total, the feedback and the note to organisers. Sheet 2, ranking: raw and
calibrated scores side by side with their spread, and the decision. Headers are in the
reader's language; texts a spreadsheet would run as a formula are stored as text.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from techbridge.calls.models import Call
from techbridge.calls.ranking import call_ranking
from techbridge.calls.selectors import reviews_for_sheet
from techbridge.i18n_text import pick_text

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")


def _write_row(sheet: Worksheet, values: list[Any], *, bold: bool = False) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # a text, never a formula
        if bold:
            cell.font = Font(bold=True)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def review_sheet(call: Call) -> bytes:
    """The workbook's bytes."""
    workbook = Workbook()
    reviews = workbook.active
    reviews.title = _("Reviews")[:31]
    criteria = list(call.criteria.all())
    header = [_("Project"), _("Title"), _("Organisation"), _("Status"), _("Expert"), _("Review")]
    for criterion in criteria:
        name = pick_text(criterion.names).text
        header += [
            _("%(criterion)s: score") % {"criterion": name},
            _("%(criterion)s: comment") % {"criterion": name},
        ]
    header += [_("Total (0–100)"), _("Feedback to the applicant"), _("Note to the organisers")]
    _write_row(reviews, header, bold=True)
    for assignment in reviews_for_sheet(call):
        submission = assignment.submission
        review = getattr(assignment, "review", None)
        row: list[Any] = [
            submission.code,
            pick_text(submission.titles).text,
            submission.organisation.name_in(),
            submission.get_status_display(),
            assignment.member.user.full_name,
            review.get_status_display() if review else _("Not started"),
        ]
        for criterion in criteria:
            entry = (review.scores if review else {}).get(criterion.key, {})
            score = entry.get("score")
            row += [
                _("abstained") if entry.get("abstain") else score,
                entry.get("comment", ""),
            ]
        row += [
            _rounded(review.total) if review else None,
            review.feedback if review else "",
            (review.private_note or review.abstain_reason) if review else "",
        ]
        _write_row(reviews, row)
    ranking_sheet = workbook.create_sheet(_("Ranking")[:31])
    _write_row(
        ranking_sheet,
        [
            _("Rank"),
            _("Project"),
            _("Title"),
            _("Organisation"),
            _("Reviews"),
            _("Raw mean"),
            _("Calibrated"),
            _("Spread (standard deviation)"),
            _("Lowest"),
            _("Highest"),
            _("Status"),
            _("Pending decision"),
        ],
        bold=True,
    )
    for project in call_ranking(call).projects:
        submission = project.submission
        _write_row(
            ranking_sheet,
            [
                project.rank,
                submission.code,
                pick_text(submission.titles).text,
                submission.organisation.name_in(),
                project.reviews,
                _rounded(project.raw_mean),
                _rounded(project.calibrated),
                _rounded(project.spread),
                _rounded(project.minimum),
                _rounded(project.maximum),
                submission.get_status_display(),
                project.decision.get_outcome_display() if project.decision else "",
            ],
        )
    for sheet in (reviews, ranking_sheet):
        sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
