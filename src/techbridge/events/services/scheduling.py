"""Running the meeting scheduler for an event in the background, with progress.

``start_scheduling`` queues a run (one at a time per event); the task calls
``run_scheduling``, which asks the core (through ``techbridge.events.scheduling``) for a
plan, replaces the event's proposed meetings with it, keeps confirmed and held ones, and
stores every left-out request's reason.
"""

from __future__ import annotations

import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.events import rules, scheduling
from techbridge.events.enums import MeetingStatus, SchedulingRunStatus
from techbridge.events.models import Event, Meeting, MeetingRequest, SchedulingRun

# Where each stage of the core's work sits on the progress bar, in percent.
STAGE_SPANS = {
    "preparing": (0, 10),
    "relaxation": (10, 40),
    "search": (40, 90),
    "explaining": (90, 100),
}
# Progress is written at most this often: every write is a database round trip.
PROGRESS_INTERVAL_SECONDS = 0.5


@transaction.atomic
def start_scheduling(
    *, event: Event, actor: User, time_limit: int = 30, request: HttpRequest | None = None
) -> SchedulingRun:
    """Queue a scheduling run. Refused while another run of the event is queued or
    running. The task starts once the transaction commits."""
    if not rules.can_manage_event(actor, event):
        raise PermissionDenied
    Event.objects.select_for_update().get(pk=event.pk)
    active = (SchedulingRunStatus.QUEUED, SchedulingRunStatus.RUNNING)
    if SchedulingRun.objects.filter(event=event, status__in=active).exists():
        raise ValidationError(
            _("The scheduler is already running for this event."), code="already_running"
        )
    if not event.meeting_slots.filter(is_break=False).exists():
        raise ValidationError(_("Set up the meeting slots first."), code="no_slots")
    if not event.meeting_places.exists():
        raise ValidationError(_("Set up tables or video rooms first."), code="no_places")
    run = SchedulingRun.objects.create(event=event, requested_by=actor, time_limit=time_limit)
    record_action(actor=actor, action=AuditAction.SCHEDULING_STARTED, target=event, request=request)
    # Imported here: tasks import this module to call run_scheduling.
    from techbridge.events.tasks import run_scheduling_task

    transaction.on_commit(lambda: run_scheduling_task.enqueue(run.pk))
    return run


def run_scheduling(*, run_id: int) -> SchedulingRun:
    """Do a queued run: schedule, then apply the plan in one transaction. Safe to call
    twice: a run that is not queued is returned unchanged."""
    updated = SchedulingRun.objects.filter(pk=run_id, status=SchedulingRunStatus.QUEUED).update(
        status=SchedulingRunStatus.RUNNING, started_at=timezone.now(), stage="preparing"
    )
    run = SchedulingRun.objects.select_related("event", "requested_by").get(pk=run_id)
    if not updated:
        return run
    last_write = [0.0]

    def on_progress(stage: str, done: int, total: int) -> None:
        low, high = STAGE_SPANS.get(stage, (0, 100))
        percent = low + (high - low) * (done / total if total else 1)
        now = time.monotonic()
        if now - last_write[0] >= PROGRESS_INTERVAL_SECONDS or done == total:
            last_write[0] = now
            SchedulingRun.objects.filter(pk=run_id).update(stage=stage, progress=int(percent))

    try:
        result = scheduling.schedule_event(
            run.event, time_limit=run.time_limit, on_progress=on_progress
        )
    except scheduling.FixedMeetingsConflict as conflict:
        problems = [
            {
                "meeting": meeting.pk,
                "code": finding.code,
                "registrations": list(finding.registrations),
                "message": finding.message,
            }
            for meeting, finding in conflict.findings
        ]
        return _finish(run, status=SchedulingRunStatus.FAILED, problems=problems)
    with transaction.atomic():
        _apply(run.event, result)
        run = _finish(
            run,
            status=SchedulingRunStatus.FINISHED,
            plan_status=result.status,
            scheduled_count=len(result.meetings),
            unscheduled_count=len(result.unscheduled),
            kept_count=result.kept,
            objective=result.objective,
            upper_bound=result.upper_bound,
        )
    return run


def _apply(event: Event, result: scheduling.ScheduleResult) -> None:
    """Replace the proposed meetings with the plan; store reasons of left-out requests."""
    Meeting.objects.filter(event=event, status=MeetingStatus.PROPOSED).delete()
    Meeting.objects.bulk_create(
        Meeting(
            event=event,
            request=planned.request,
            slot=planned.slot,
            place=planned.place,
            interpreter=planned.interpreter,
            status=MeetingStatus.PROPOSED,
            status_changed_at=timezone.now(),
        )
        for planned in result.meetings
    )
    MeetingRequest.objects.filter(event=event).exclude(unscheduled_code="").update(
        unscheduled_code="", unscheduled_details={}
    )
    requests = MeetingRequest.objects.in_bulk(list(result.unscheduled))
    for request_pk, finding in result.unscheduled.items():
        request = requests[request_pk]
        request.unscheduled_code = finding.code
        request.unscheduled_details = {
            "registrations": list(finding.registrations),
            "slots": list(finding.slots),
            "places": "video rooms" if "video rooms" in finding.message else "tables",
            "message": finding.message,
        }
    MeetingRequest.objects.bulk_update(
        requests.values(), ["unscheduled_code", "unscheduled_details"], batch_size=500
    )


def _finish(run: SchedulingRun, *, status: SchedulingRunStatus, **fields: object) -> SchedulingRun:
    for name, value in fields.items():
        setattr(run, name, value)
    run.status = status
    run.progress = 100
    run.stage = ""
    run.finished_at = timezone.now()
    run.save()
    record_action(
        actor=run.requested_by,
        action=AuditAction.SCHEDULING_FINISHED,
        target=run.event,
        details={
            "run": run.pk,
            "status": status.value,
            "scheduled": run.scheduled_count,
            "unscheduled": run.unscheduled_count,
            "kept": run.kept_count,
        },
    )
    return run
