"""How batch commands report bad input: one line per problem, exit status 2."""

from __future__ import annotations

import sys
from collections.abc import Iterable

EXIT_BAD_INPUT = 2


class InputError(Exception):
    """Bad input: every problem found, each naming the file, line or JSON path, and why."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def report(error: InputError) -> int:
    """Print each problem on its own stderr line and return the exit status for bad input."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    return EXIT_BAD_INPUT
