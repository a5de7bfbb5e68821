"""A small progress bar on stderr for long batch runs (silent when stderr is not a terminal
unless forced), so that stdout stays pure JSON."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Reports ``done/total`` on stderr, at most every ``interval`` seconds."""

    def __init__(
        self,
        label: str,
        total: int,
        *,
        stream: TextIO | None = None,
        interval: float = 0.2,
        enabled: bool | None = None,
    ) -> None:
        self.label = label
        self.total = max(total, 0)
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0
        self._last = 0.0
        self._started = time.monotonic()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self._last >= self.interval or self.done >= self.total):
            self._last = now
            self._draw()

    def _draw(self) -> None:
        width = 30
        fraction = self.done / self.total if self.total else 1.0
        filled = int(width * min(fraction, 1.0))
        elapsed = time.monotonic() - self._started
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {elapsed:5.1f}s")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
