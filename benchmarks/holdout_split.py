"""The seeded three-way split of ANR projects that the identifier-holdout benchmark rests on.

A project's fate is a pure function of its decision code (sha256 of the code, stripped and in
capitals, modulo 5), so every script that trains, tunes or measures the resolver agrees on it
without sharing a file, and it was fixed before any resolver work used the data:

- ``holdout`` (a fifth): read ONCE, at the end, to report the final figures. Nobody looks at its
  rows, tunes on it or trains on it; `bench_holdout.py --split holdout` prints aggregates only.
- ``dev`` (a fifth): for tuning (thresholds, features, error analysis); its misses may be read.
- ``train`` (the other three fifths): what a learned matcher may learn from (identifier-supervised
  pairs). A training script excludes every project whose split is not ``train``.

The unit of the split is the project, not the row: all partners of one consortium fall on the
same side, so a name seen in training never comes from the very project it is measured on.
"""

from __future__ import annotations

import hashlib
from typing import Literal

__all__ = ["Split", "SPLITS", "split_of", "in_split"]

Split = Literal["holdout", "dev", "train"]
SPLITS: tuple[Split, ...] = ("holdout", "dev", "train")


def split_of(project_code: str) -> Split:
    """Which side of the split an ANR project falls on.

    >>> split_of("ANR-22-SOIL-0003") == split_of(" anr-22-soil-0003 ")
    True
    >>> split_of("ANR-22-SOIL-0003") in SPLITS
    True
    """
    h = int(hashlib.sha256(project_code.strip().upper().encode()).hexdigest(), 16) % 5
    if h == 0:
        return "holdout"
    if h == 1:
        return "dev"
    return "train"


def in_split(project_code: str, splits: frozenset[str] | set[str]) -> bool:
    """Whether a project belongs to any of `splits` (e.g. {"dev", "holdout"} to keep both out of training)."""
    return split_of(project_code) in splits
