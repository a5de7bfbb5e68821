"""Where the pure core keeps rebuildable files (jieba's dictionary cache, embedding caches).

Nothing stored here is precious: deleting the directory only costs time on the next run.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CACHE_DIRECTORY_VARIABLE = "TECHBRIDGE_CACHE_DIR"


def default_cache_directory() -> Path:
    """Return (creating it if needed) the directory for rebuildable caches.

    Order: ``$TECHBRIDGE_CACHE_DIR``, then ``$XDG_CACHE_HOME/techbridge``, then
    ``~/.cache/techbridge``; if none of them can be created (read-only home in a
    container), a ``techbridge`` directory in the system temporary directory.
    """
    candidates: list[Path] = []
    explicit = os.environ.get(CACHE_DIRECTORY_VARIABLE)
    if explicit:
        candidates.append(Path(explicit))
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        candidates.append(Path(xdg) / "techbridge")
    candidates.append(Path.home() / ".cache" / "techbridge")
    candidates.append(Path(tempfile.gettempdir()) / "techbridge")
    for candidate in candidates:
        try:
            candidate.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(candidate, os.W_OK):
            return candidate
    raise OSError("no writable cache directory: set " + CACHE_DIRECTORY_VARIABLE)
