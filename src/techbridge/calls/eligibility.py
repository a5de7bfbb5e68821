"""The automatic eligibility check of an application against its call's rules.

Problems are stored as codes with parameters (not as sentences), so each reader sees
them in their own language: ``describe_problem`` words one in the active language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from techbridge.accounts.enums import Country
from techbridge.calls.models import Submission
from techbridge.i18n_text import pick_text


def _yes_no(answer: bool | None) -> str:
    if answer is None:
        return _("no answer")
    return _("yes") if answer else _("no")


def eligibility_problems(submission: Submission) -> list[dict[str, Any]]:
    """Every rule of the call the application breaks (empty: eligible).

    Rules: the offer's readiness level is at least the call's minimum; the applying
    organisation's country is among the call's countries (when listed); every required
    document is uploaded; every question with a required answer is answered so.
    """
    call = submission.call
    problems: list[dict[str, Any]] = []
    readiness = submission.snapshot.get("readiness_level", submission.offer.readiness_level)
    if call.minimum_readiness_level and (readiness or 0) < call.minimum_readiness_level:
        problems.append(
            {"code": "readiness", "level": readiness, "minimum": call.minimum_readiness_level}
        )
    country = submission.organisation.country
    if call.eligible_countries and country not in call.eligible_countries:
        problems.append(
            {"code": "country", "country": country, "allowed": list(call.eligible_countries)}
        )
    uploaded = set(submission.attachments.values_list("requirement_id", flat=True))
    for requirement in call.required_attachments.all():
        if requirement.pk not in uploaded:
            problems.append({"code": "document", "labels": requirement.labels})
    for question in call.questions.all():
        answer = submission.answers.get(str(question.pk))
        if question.required_answer is not None and answer is not question.required_answer:
            problems.append(
                {
                    "code": "answer",
                    "question": question.texts,
                    "answer": answer,
                    "required": question.required_answer,
                }
            )
    return problems


def _country(code: str) -> str:
    try:
        return str(Country(code).label)
    except ValueError:
        return code


def describe_problem(problem: dict[str, Any]) -> str:
    """One problem as a sentence in the active language."""
    code = problem.get("code")
    if code == "readiness":
        return _(
            "The technology readiness level is %(level)s; the call asks for at least %(minimum)s."
        ) % {"level": problem.get("level") or "—", "minimum": problem["minimum"]}
    if code == "country":
        return _(
            "Organisations from %(country)s cannot apply; the call is open to %(allowed)s."
        ) % {
            "country": _country(problem["country"]),
            "allowed": ", ".join(_country(allowed) for allowed in problem["allowed"]),
        }
    if code == "document":
        return _("The required document “%(document)s” is missing.") % {
            "document": pick_text(problem["labels"]).text
        }
    if code == "answer":
        return _(
            "“%(question)s”: the answer is “%(answer)s”; the call requires “%(required)s”."
        ) % {
            "question": pick_text(problem["question"]).text,
            "answer": _yes_no(problem.get("answer")),
            "required": _yes_no(problem["required"]),
        }
    return str(problem)


def describe_problems(problems: list[dict[str, Any]]) -> list[str]:
    return [describe_problem(problem) for problem in problems]
