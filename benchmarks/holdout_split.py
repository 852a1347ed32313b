"""The seeded split of ANR projects: holdout (read once, at the end), dev (tuning), train (learning)."""

from __future__ import annotations

from hashlib import sha256
from typing import Literal

__all__ = ["split_of"]


def split_of(project_code: str) -> Literal["holdout", "dev", "train"]:
    """A fifth of the projects by a hash of their code is held out, another fifth is for tuning.

    >>> split_of("ANR-19-CE17-0001-01") in ("holdout", "dev", "train")
    True
    """
    h = int(sha256(project_code.strip().upper().encode()).hexdigest(), 16) % 5
    return "holdout" if h == 0 else "dev" if h == 1 else "train"
