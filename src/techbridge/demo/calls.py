"""Demo call: the Yingtan copper roadshow's call for Russian projects (domain.md).

The call is open and its blind review phase running: eight Russian copper projects from
the demo catalogue applied (one answered that it cannot pitch in Yingtan, so it is not
eligible), seven experts sit in the pool, the real assignment solver gave every eligible
project three reviewers, and every reviewer but the demo expert
(expert@techbridge.example) has sent their reviews, so each page of the call has something
to show and the demo expert still has work. Texts are in ``data/calls/yingtan.json``.

Objects are written directly rather than through the services, so that loading the demo
sends no e-mail. Idempotent: when the call exists (found by its English title) nothing
changes.
"""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from techbridge.accounts.enums import Role
from techbridge.accounts.models import Membership, User
from techbridge.calls import engine
from techbridge.calls.eligibility import eligibility_problems
from techbridge.calls.enums import ReviewStatus, RunStatus, SubmissionStatus
from techbridge.calls.models import (
    AssignmentRun,
    Call,
    CallQuestion,
    Criterion,
    FieldQuota,
    PoolMember,
    Review,
    ReviewAssignment,
    ReviewPhase,
    Submission,
)
from techbridge.calls.services.reviews import criterion_scales
from techbridge.calls.services.solver_runs import execute_assignment_run
from techbridge.calls.services.submissions import offer_snapshot
from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import ExpertProfile, TechnologyField, TechnologyOffer
from techbridge.catalogue.search import index_items
from techbridge.events.models import Event

DATA = Path(__file__).resolve().parent / "data" / "calls" / "yingtan.json"
DEMO_EXPERT_EMAIL = "expert@techbridge.example"
ORGANISER_EMAIL = "organiser@techbridge.example"
EVENT_TITLE_START = "Roadshow of copper-based"


def call_data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def load_calls(report: Any) -> None:
    """Create the Yingtan call and its review state when it does not exist yet."""
    data = call_data()
    if Call.objects.filter(titles__en=data["titles"]["en"]).exists():
        report.count("calls", False)
        return
    call = _call(data)
    report.count("calls", True)
    report.created["call pool experts"] = len(_pool(call, data))
    report.created["call applications"] = len(_applications(call, data))
    assignments = _assign(call)
    report.created["reviewer assignments"] = len(assignments)
    report.created["reviews"] = _reviews(call, assignments, data)


def _call(data: dict[str, Any]) -> Call:
    now = timezone.now()
    call = Call.objects.create(
        event=Event.objects.filter(titles__en__startswith=EVENT_TITLE_START).first(),
        titles=data["titles"],
        themes=data["themes"],
        industry_focus=data["industry_focus"],
        region_focus=data["region_focus"],
        opens_at=now - timedelta(days=40),
        closes_at=now + timedelta(days=21),
        time_zone="Asia/Shanghai",
        minimum_readiness_level=4,
        eligible_countries=["RU"],
        projects_to_select=6,
        reserve_size=1,
        reviews_per_project=3,
        expert_minimum_load=0,
        expert_maximum_load=6,
        is_published=True,
        published_at=now - timedelta(days=40),
        created_by=User.objects.filter(email=ORGANISER_EMAIL).first(),
    )
    for position, row in enumerate(data["rubric"]):
        Criterion.objects.create(
            call=call,
            key=row["key"],
            names=row["names"],
            descriptions=row["descriptions"],
            scale_guides=data["scale_guide"],
            weight=Decimal(row["weight"]),
            scale_minimum=1,
            scale_maximum=5,
            position=position,
        )
    for position, texts in enumerate(data["questions"]):
        CallQuestion.objects.create(call=call, texts=texts, required_answer=True, position=position)
    manufacturing = TechnologyField.objects.filter(code="manufacturing").first()
    if manufacturing is not None:
        FieldQuota.objects.create(call=call, field=manufacturing, maximum=2)
    review, results = data["phases"]
    ReviewPhase.objects.create(
        call=call,
        names=review["names"],
        starts_at=now - timedelta(days=14),
        ends_at=now + timedelta(days=35),
        reviewers_may_bid=True,
        reviewers_may_review=True,
        is_blind=True,
        applicants_see_feedback=False,
    )
    ReviewPhase.objects.create(
        call=call,
        names=results["names"],
        starts_at=now + timedelta(days=35),
        ends_at=now + timedelta(days=60),
        reviewers_may_bid=False,
        reviewers_may_review=False,
        is_blind=True,
        applicants_see_feedback=True,
    )
    return call


def _demo_expert_profile(data: dict[str, Any]) -> ExpertProfile | None:
    """The demo expert's own profile (the catalogue's harbin-university profiles belong
    to other people), created when missing."""
    user = User.objects.filter(email=DEMO_EXPERT_EMAIL).first()
    membership = Membership.objects.filter(user=user, role=Role.EXPERT).first()
    if user is None or membership is None:
        return None
    row = data["demo_expert_profile"]
    profile = ExpertProfile.objects.filter(
        owner=user, display_names__zh=row["display_names"]["zh"]
    ).first()
    if profile is None:
        profile = ExpertProfile.objects.create(
            owner=user,
            organisation=membership.organisation,
            source_language="zh",
            titles=row["titles"],
            summaries=row["summaries"],
            display_names=row["display_names"],
            spoken_languages=row["languages"],
            affiliations=row["affiliations"],
            status=ItemStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        profile.fields.set(TechnologyField.objects.filter(code__in=row["fields"]))
        index_items([profile])
    return profile


def _pool(call: Call, data: dict[str, Any]) -> list[PoolMember]:
    """The demo catalogue gives each organisation one contact person per role, who owns
    all its expert profiles: one pool seat per organisation, plus the demo expert."""
    profiles = list(
        ExpertProfile.objects.filter(display_names__en__in=data["pool"]).select_related("owner")
    )
    own = _demo_expert_profile(data)
    if own is not None:
        profiles.append(own)
    members = []
    for profile in profiles:
        if not Membership.objects.filter(user=profile.owner, role=Role.EXPERT).exists():
            continue
        # The demo expert keeps two projects to review: enough to try the form.
        maximum = 2 if profile.owner.email == DEMO_EXPERT_EMAIL else None
        member, _created = PoolMember.objects.get_or_create(
            call=call, user=profile.owner, defaults={"profile": profile, "maximum_load": maximum}
        )
        members.append(member)
    return members


def _applications(call: Call, data: dict[str, Any]) -> list[Submission]:
    titles = data["applying_offers"]
    offers = {
        offer.titles.get("en"): offer
        for offer in TechnologyOffer.objects.filter(titles__en__in=titles)
        .select_related("organisation", "owner")
        .prefetch_related("fields")
    }
    questions = list(call.questions.all())
    now = timezone.now()
    submissions = []
    for number, title in enumerate([title for title in titles if title in offers], start=1):
        offer = offers[title]
        answers = {str(question.pk): True for question in questions}
        if title == data["cannot_pitch"]:
            answers[str(questions[0].pk)] = False
        submitted_at = now - timedelta(days=30 - 3 * number)
        submission = Submission.objects.create(
            call=call,
            number=number,
            offer=offer,
            applicant=offer.owner,
            organisation=offer.organisation,
            answers=answers,
            snapshot=offer_snapshot(offer),
            submitted_at=submitted_at,
            status_changed_at=submitted_at,
        )
        problems = eligibility_problems(submission)
        submission.eligibility_problems = problems
        submission.eligibility_checked_at = submitted_at
        submission.status = SubmissionStatus.INELIGIBLE if problems else SubmissionStatus.ELIGIBLE
        submission.save()
        submissions.append(submission)
    return submissions


def _assign(call: Call) -> list[ReviewAssignment]:
    """Run the real solver and apply its proposal (without e-mailing the experts)."""
    run = AssignmentRun.objects.create(
        call=call, started_by=User.objects.filter(email=ORGANISER_EMAIL).first()
    )
    run = execute_assignment_run(run_id=run.pk)
    if run.status != RunStatus.FINISHED:
        return []
    assignments = [
        ReviewAssignment.objects.create(
            submission_id=submission, member_id=member, run=run, affinity=affinity
        )
        for submission, member, affinity in run.proposal
    ]
    AssignmentRun.objects.filter(pk=run.pk).update(status=RunStatus.APPLIED)
    call.submissions.filter(
        status=SubmissionStatus.ELIGIBLE, pk__in=[a.submission_id for a in assignments]
    ).update(status=SubmissionStatus.UNDER_REVIEW)
    return assignments


def _demo_score(submission: Submission, member: PoolMember, key: str) -> int:
    """A fixed, plausible score: each project has a quality (2–4), each expert a
    leniency (−1, 0 or +1), each criterion a small wobble."""
    quality = 2 + (submission.number * 7) % 3
    leniency = member.pk % 3 - 1
    wobble = (len(key) + submission.number + member.pk) % 3 - 1
    return max(1, min(5, quality + leniency + wobble))


def _reviews(call: Call, assignments: list[ReviewAssignment], data: dict[str, Any]) -> int:
    """Every reviewer except the demo expert has sent their reviews."""
    criteria = list(call.criteria.all())
    scales = criterion_scales(criteria)
    phase = call.phases.order_by("starts_at").first()
    sent = 0
    for assignment in assignments:
        member = assignment.member
        language = member.user.preferred_language[:2]
        if member.user.email == DEMO_EXPERT_EMAIL:
            continue
        scores = {}
        for criterion in criteria:
            score = _demo_score(assignment.submission, member, criterion.key)
            comment = data["comments"][str(score)][language]
            scores[criterion.key] = {"score": score, "comment": comment, "abstain": False}
        total = engine.review_total(scales, {key: entry["score"] for key, entry in scores.items()})
        Review.objects.create(
            assignment=assignment,
            phase=phase,
            status=ReviewStatus.SUBMITTED,
            scores=scores,
            feedback=data["feedback"][language],
            total=total,
            submitted_at=timezone.now() - timedelta(days=2),
        )
        sent += 1
    for submission in call.submissions.filter(status=SubmissionStatus.UNDER_REVIEW):
        statuses = list(submission.assignments.values_list("review__status", flat=True))
        if statuses and all(status == ReviewStatus.SUBMITTED for status in statuses):
            submission.status = SubmissionStatus.SCORED
            submission.save(update_fields=["status"])
    return sent
