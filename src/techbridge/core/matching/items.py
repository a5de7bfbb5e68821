"""What the matching engine matches: needs, offers and expert profiles as plain data.

Only ``id`` and ``text`` are required; everything else is optional so that the batch
command (which knows only texts) and the Django adapter (which knows the catalogue's
structured fields) use the same type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from techbridge.core.text import Language

ItemKind = Literal["offer", "need", "expert"]
ITEM_KINDS: tuple[ItemKind, ...] = ("offer", "need", "expert")


@dataclass(frozen=True)
class MatchItem:
    """A need, an offer or an expert profile to be matched.

    ``fields`` are taxonomy codes written as dotted paths from the general to the
    specific ("materials.metals.copper"); a code matches its ancestors and descendants
    partly (see :mod:`techbridge.core.matching.structured`). ``trl`` is the technology
    readiness level (1–9) an offer has or a need requires. ``cooperation_forms`` and
    ``regions`` are free codes compared for overlap ("licence", "joint_rnd";
    "CN-36", "RU-MOW"). ``language`` is detected from the text when absent.
    """

    id: str
    text: str
    title: str | None = None
    language: Language | None = None
    kind: ItemKind | None = None
    fields: tuple[str, ...] = ()
    trl: int | None = None
    cooperation_forms: frozenset[str] = field(default_factory=frozenset)
    regions: frozenset[str] = field(default_factory=frozenset)

    @property
    def full_text(self) -> str:
        """Title and text as one passage (the title first, on its own line)."""
        if self.title and self.title.strip():
            return f"{self.title.strip()}\n{self.text.strip()}"
        return self.text.strip()
