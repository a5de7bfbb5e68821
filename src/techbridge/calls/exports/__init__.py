"""Exports of a call: the review sheet (XLSX) and the booklet of selected projects (PDF)."""
