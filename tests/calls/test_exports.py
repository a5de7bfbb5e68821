"""Exports: the review sheet as XLSX, the trilingual booklet as PDF with the Chinese
font embedded."""

import io
import re
import zlib

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from techbridge.calls.exports.booklet import booklet_html, booklet_pdf
from techbridge.calls.exports.review_sheet import review_sheet
from techbridge.calls.services.experts import assign_manually
from techbridge.calls.services.reviews import submit_review
from techbridge.calls.services.submissions import change_submission_status
from tests.accounts.factories import PASSWORD
from tests.calls.factories import application, expert_in_pool

pytestmark = pytest.mark.django_db
SCORES = {
    "innovation": {"score": 4, "comment": "=1+1 is not a formula"},
    "maturity": {"score": 2, "comment": "Lab scale"},
    "fit": {"abstain": True, "comment": "Outside my field"},
}


@pytest.fixture
def reviewed(call, organiser):
    submission = application(call)
    member = expert_in_pool(call, full_name="Li Jianguo")
    assignment = assign_manually(submission=submission, member=member, actor=organiser)
    submit_review(assignment=assignment, actor=member.user, scores=SCORES, feedback="Promising")
    submission.refresh_from_db()
    return submission


def test_review_sheet_holds_scores_comments_and_ranking(call, reviewed):
    workbook = load_workbook(io.BytesIO(review_sheet(call)))
    reviews, ranking = workbook.worksheets
    header = [cell.value for cell in reviews[1]]
    row = [cell.value for cell in reviews[2]]
    assert header[:6] == ["Project", "Title", "Organisation", "Status", "Expert", "Review"]
    values = dict(zip(header, row, strict=True))
    assert values["Project"] == "P-001"
    assert values["Expert"] == "Li Jianguo"
    assert values["Innovation: score"] == 4
    assert values["Innovation: comment"] == "=1+1 is not a formula"
    assert reviews.cell(row=2, column=header.index("Innovation: comment") + 1).data_type == "s"
    assert values["Fit with the local industry: score"] == "abstained"
    assert values["Total (0–100)"] == 58.33  # (2 · 0.75 + 1 · 0.25) / 3
    assert values["Feedback to the applicant"] == "Promising"
    ranking_row = [cell.value for cell in ranking[2]]
    assert ranking_row[:7] == [
        1,
        "P-001",
        reviewed.titles["ru"],
        reviewed.organisation.names["en"],
        1,
        58.33,
        58.33,
    ]


def _inflated_pdf_text(pdf: bytes) -> bytes:
    """The PDF with every Flate stream decompressed (object streams hold the fonts)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_booklet_embeds_the_chinese_font(call, organiser, reviewed):
    change_submission_status(submission=reviewed, to_status="selected", actor=organiser)
    html = booklet_html(call)
    assert reviewed.titles["zh"] in html
    assert reviewed.titles["ru"] in html
    pdf = booklet_pdf(call)
    assert pdf.startswith(b"%PDF-")
    text = _inflated_pdf_text(pdf)
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Z]{6}\+[A-Za-z0-9-]+)", text))
    assert any(b"Noto-Sans-CJK-SC" in name for name in fonts), fonts
    assert b"/FontFile" in text  # embedded, not merely referenced


def test_exports_are_downloads_for_organisers(client, call, organiser, reviewed):
    client.login(email=organiser.email, password=PASSWORD)
    response = client.get(reverse("calls:export_reviews", kwargs={"pk": call.pk}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment")
