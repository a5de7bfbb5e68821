"""Conflicts of interest between the experts of a call's pool and its applications.

Three sources, combined for every (application, expert) pair:

* **same organisation**: the expert belongs to (any active membership) or profiles
  under the organisation that applied, or is the applicant;
* **shared past affiliation**: an entry of the expert's ``ExpertProfile.affiliations``
  names the applying organisation, or an organisation the applicant's own expert
  profile lists (compared on normalised names in every language);
* **declared**: the expert declared a tie, or an organiser recorded one.

Automatic conflicts are computed from the current data each time, so a late change
(a new membership, an edited profile) is seen by the next assignment run.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from techbridge.accounts.enums import MembershipStatus
from techbridge.accounts.models import Membership, Organisation
from techbridge.calls.enums import ConflictSource
from techbridge.calls.models import Call, DeclaredConflict, PoolMember, Submission
from techbridge.catalogue.models import ExpertProfile

_QUOTES = re.compile(r"[\"'«»“”„《》「」()（）]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Conflict:
    submission_id: int
    member_id: int
    source: ConflictSource
    detail: str

    @property
    def label(self) -> str:
        return (
            f"{ConflictSource(self.source).label}: {self.detail}"
            if self.detail
            else str(ConflictSource(self.source).label)
        )


def normalise_name(name: str) -> str:
    """Case-folded, without quotes or brackets, single spaces: how names are compared."""
    return _SPACES.sub(" ", _QUOTES.sub(" ", name)).strip().casefold()


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for text in value.values() if isinstance(text, str)]
    return []


def affiliation_names(affiliations: Iterable[Any]) -> set[str]:
    """Normalised organisation names of an ``affiliations`` list.

    Entries may be plain names or objects with an ``organisation`` (or ``name``) given as
    one text or as ``{language: text}``; periods (``from``/``to``) do not matter here: a
    past affiliation is still a tie.
    """
    names: set[str] = set()
    for entry in affiliations or []:
        if isinstance(entry, dict):
            texts = _texts(entry.get("organisation")) + _texts(entry.get("name"))
        else:
            texts = _texts(entry)
        names.update(normalise_name(text) for text in texts if text.strip())
    return names


def organisation_names(organisation: Organisation) -> set[str]:
    texts = _texts(organisation.names) + _texts(organisation.short_names)
    return {normalise_name(text) for text in texts if text.strip()}


def _display(names: set[str]) -> str:
    return ", ".join(sorted(names))


def call_conflicts(
    call: Call,
    submissions: Iterable[Submission] | None = None,
    members: Iterable[PoolMember] | None = None,
) -> dict[tuple[int, int], list[Conflict]]:
    """Every conflict of the call, keyed by ``(submission id, member id)``.

    Runs a fixed number of queries whatever the size of the call.
    """
    submissions = list(
        submissions
        if submissions is not None
        else call.submissions.select_related("organisation").all()
    )
    members = list(
        members
        if members is not None
        else call.pool.filter(is_active=True).select_related("profile", "user")
    )
    member_ids = [member.pk for member in members]
    user_ids = {member.user_id for member in members}
    organisations_of_user: dict[int, set[int]] = defaultdict(set)
    for user_id, organisation_id in Membership.objects.filter(
        user_id__in=user_ids, status=MembershipStatus.ACTIVE
    ).values_list("user_id", "organisation_id"):
        organisations_of_user[user_id].add(organisation_id)
    applicant_ids = {submission.applicant_id for submission in submissions}
    applicant_affiliations: dict[int, set[str]] = defaultdict(set)
    for owner_id, affiliations in ExpertProfile.objects.filter(
        owner_id__in=applicant_ids
    ).values_list("owner_id", "affiliations"):
        applicant_affiliations[owner_id] |= affiliation_names(affiliations)
    declared: dict[tuple[int, int], DeclaredConflict] = {
        (conflict.submission_id, conflict.member_id): conflict
        for conflict in DeclaredConflict.objects.filter(
            member_id__in=member_ids, submission__call=call
        )
    }
    expert_names = {member.pk: affiliation_names(member.profile.affiliations) for member in members}
    found: dict[tuple[int, int], list[Conflict]] = defaultdict(list)
    for submission in submissions:
        applicant_side = organisation_names(submission.organisation) | applicant_affiliations.get(
            submission.applicant_id, set()
        )
        for member in members:
            key = (submission.pk, member.pk)
            own = organisations_of_user[member.user_id] | {member.profile.organisation_id}
            if member.user_id == submission.applicant_id:
                found[key].append(
                    Conflict(*key, ConflictSource.SAME_ORGANISATION, _("the expert applied"))
                )
            elif submission.organisation_id in own:
                found[key].append(
                    Conflict(
                        *key,
                        ConflictSource.SAME_ORGANISATION,
                        submission.organisation.name_in(),
                    )
                )
            shared = expert_names[member.pk] & applicant_side
            if shared:
                found[key].append(
                    Conflict(*key, ConflictSource.SHARED_AFFILIATION, _display(shared))
                )
            if key in declared:
                conflict = declared[key]
                found[key].append(Conflict(*key, ConflictSource(conflict.source), conflict.reason))
    return dict(found)


def has_conflict(member: PoolMember, submission: Submission) -> bool:
    """Whether this expert may not review this project (any source)."""
    return bool(call_conflicts(submission.call, [submission], [member]))
