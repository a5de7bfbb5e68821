"""The ``techbridge`` console script: batch commands that run the pure core on files.

See ``docs/cli.md``. Each subcommand lives in its own module with a ``register(subparsers)``
function; none needs a database or a server.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from techbridge.cli.errors import InputError, report

# Subcommand modules, each exposing ``register(subparsers)``. A module that is not
# present yet is skipped, so the script works while commands are added one by one.
COMMAND_MODULES = (
    "techbridge.cli.match",
    "techbridge.cli.assign_reviewers",
    "techbridge.cli.schedule_meetings",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="techbridge",
        description="TechBridge batch commands: matching, reviewer assignment, meeting scheduling.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one batch command; returns the process exit status (2 for bad input)."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        status: int = arguments.handler(arguments)
    except InputError as error:
        return report(error)
    except BrokenPipeError:
        # The reader of stdout went away (``| head``); nothing more to say.
        sys.stderr.close()
        return 1
    return status
