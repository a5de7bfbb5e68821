"""The slot-choice model shared by the LP relaxation and the CP-SAT search.

One 0/1 column per (open request, candidate slot) says "this request meets in this
slot". Rows, all of the form ``sum(coefficient * column) <= bound``:

* each request at most once;
* each participant at most one meeting per slot, and at most their remaining maximum;
* per slot, at most as many on-site meetings as free tables and as many meetings with a
  remote party as free video rooms;
* interpreters, per slot, as a small transportation problem: meetings that need an
  interpreter are grouped by the set of interpreter *types* (language sets) that can
  serve them; integer flow columns send each group's meetings to types, each type
  serving at most as many meetings as it has free interpreters in the slot.

Tables and video rooms of one kind are interchangeable, and the transportation polytope
is integral, so an integral point of this model can always be given concrete places and
interpreters (by Hall's theorem for the interpreters): the model is exact, not a
relaxation of the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from techbridge.core.scheduling.problem import SchedulingProblem
from techbridge.core.scheduling.state import PlanState


@dataclass
class SlotFormulation:
    """Columns and rows of the slot-choice model, as coordinate lists.

    Columns ``0 .. len(meeting_columns) - 1`` are meeting columns ``(request, slot)``;
    the rest are flow columns ``(slot, group, interpreter type)`` bounded by
    ``flow_upper``.
    """

    meeting_columns: list[tuple[int, int]]
    flow_columns: list[tuple[int, int, int]] = field(default_factory=list)
    flow_upper: list[int] = field(default_factory=list)
    entry_rows: list[int] = field(default_factory=list)
    entry_columns: list[int] = field(default_factory=list)
    entry_coefficients: list[int] = field(default_factory=list)
    row_upper: list[int] = field(default_factory=list)
    # (slot, set of interpreter types) → group number, for the flow columns.
    groups: dict[tuple[int, frozenset[int]], int] = field(default_factory=dict)

    @property
    def column_count(self) -> int:
        return len(self.meeting_columns) + len(self.flow_columns)

    def flow_values(self, state: PlanState) -> list[int]:
        """Flow column values matching the interpreters ``state`` assigned (for hints)."""
        position = {column: number for number, column in enumerate(self.flow_columns)}
        values = [0] * len(self.flow_columns)
        problem = state.problem
        for request, slot in state.slot_of.items():
            interpreter = state.interpreter_of.get(request)
            if interpreter is None:
                continue
            group = self.groups[(slot, interpreter_types_for(problem, request, slot))]
            key = (slot, group, problem.interpreter_types[interpreter])
            values[position[key]] += 1
        return values


def interpreter_types_for(problem: SchedulingProblem, request: int, slot: int) -> frozenset[int]:
    """Types of the interpreters free in ``slot`` who can serve ``request``."""
    eligible = problem.requests[request].eligible_interpreters or ()
    free = problem.free_interpreters[slot]
    return frozenset(
        problem.interpreter_types[interpreter] for interpreter in eligible if interpreter in free
    )


def build_formulation(
    problem: SchedulingProblem, meeting_columns: Sequence[tuple[int, int]]
) -> SlotFormulation:
    """The model over the given (request, candidate slot) columns; rows that can never
    bind (even with every column at its upper bound) are left out."""
    formulation = SlotFormulation(meeting_columns=list(meeting_columns))
    row_entries: dict[tuple[object, ...], list[tuple[int, int]]] = {}
    row_bounds: dict[tuple[object, ...], int] = {}

    def add(row: tuple[object, ...], bound: int, column: int, coefficient: int = 1) -> None:
        if row not in row_entries:
            row_entries[row] = []
            row_bounds[row] = bound
        row_entries[row].append((column, coefficient))

    type_counts: dict[tuple[int, int], int] = {}
    for slot in range(problem.slot_count):
        for interpreter in problem.free_interpreters[slot]:
            key = (slot, problem.interpreter_types[interpreter])
            type_counts[key] = type_counts.get(key, 0) + 1

    for column, (request, slot) in enumerate(formulation.meeting_columns):
        open_request = problem.requests[request]
        add(("request", request), 1, column)
        for party in open_request.parties:
            add(("party in slot", party, slot), 1, column)
            # A participant meets at most once per slot anyway, so a maximum of at
            # least the number of slots never binds.
            if (
                problem.has_maximum[party]
                and problem.remaining_capacity[party] < problem.slot_count
            ):
                add(("party", party), problem.remaining_capacity[party], column)
        kind = "video rooms" if open_request.needs_video_room else "tables"
        add((kind, slot), len(problem.free_places(slot, open_request.needs_video_room)), column)
        if open_request.eligible_interpreters is not None:
            types = interpreter_types_for(problem, request, slot)
            group = formulation.groups.setdefault((slot, types), len(formulation.groups))
            add(("group", group), 0, column)

    column = len(formulation.meeting_columns)
    for (slot, types), group in formulation.groups.items():
        for interpreter_type in sorted(types):
            capacity = type_counts[(slot, interpreter_type)]
            formulation.flow_columns.append((slot, group, interpreter_type))
            formulation.flow_upper.append(capacity)
            add(("group", group), 0, column, -1)
            add(("type", slot, interpreter_type), capacity, column)
            column += 1

    meeting_count = len(formulation.meeting_columns)

    def column_upper(column: int) -> int:
        return 1 if column < meeting_count else formulation.flow_upper[column - meeting_count]

    for row, entries in row_entries.items():
        bound = row_bounds[row]
        largest = sum(coefficient * column_upper(column) for column, coefficient in entries)
        if all(coefficient > 0 for _, coefficient in entries) and largest <= bound:
            continue
        number = len(formulation.row_upper)
        formulation.row_upper.append(bound)
        for entry_column, coefficient in entries:
            formulation.entry_rows.append(number)
            formulation.entry_columns.append(entry_column)
            formulation.entry_coefficients.append(coefficient)
    return formulation
