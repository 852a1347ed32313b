"""What a pair's score may depend on beyond its two names: facts about the whole load being resolved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from contextvars import ContextVar

from ingest.resolution.profiles import ActorProfile


class NameWords:
    """How many distinct compared names of a resolution have each word, counted when first asked."""

    def __init__(self, profiles: Mapping[str, ActorProfile]) -> None:
        self._profiles = profiles
        self._counts: Counter[str] | None = None

    def count(self, word: str) -> int:
        if self._counts is None:
            norms = {p.norm for p in self._profiles.values()}
            self._counts = Counter(w for norm in norms for w in set(norm.split()))
        return self._counts[word]


NAME_WORDS: ContextVar[NameWords | None] = ContextVar("name_words", default=None)
"""How many of the distinct compared names being resolved have each word: a brand found in many names is a group's,
whose companies are named with it ("Safran Landing Systems", "Total Fluides")."""


BRAND_NAMES = 3
"""A one-word name found in this many names or fewer is one company's (its own name and a longer form of it)."""


LAB_ACRONYMS: ContextVar[frozenset[str]] = ContextVar("lab_acronyms", default=frozenset())
"""The acronyms of the research structures (RNSR) among the actors being resolved, compared (lower case):
a part of a name that is one of them names that lab."""
