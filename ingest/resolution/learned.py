"""A name matcher whose weights are learned from identifiers, not ordered by hand.

Each candidate pair is described by a few named comparison levels (token-set and token-sort
similarity, how much of each name's rare words the other covers, acronym, lab code, city,
numbers); a logistic model trained on pairs that identifiers label for free (an ANR partner
row carrying an RNSR id is that lab; the other labs its name resembles are not) turns them
into a probability. Thresholds come from the measured precision–recall curve on projects
kept out of training (`scripts/train_matcher.py` writes `matcher_weights.json`).

What a pair scores depends only on the two profiles and an explicit `MatchContext` (word
rarity and the candidate index of the profiles being resolved), never on hidden state.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from ingest.resolution.forms import name_norm, name_numbers
from ingest.resolution.profiles import ActorProfile
from ingest.resolution.sites import cities_agree
from ingest.resolution.units import lab_code_numbers

__all__ = ["FEATURES", "MatchContext", "Matcher", "WEIGHTS_FILE", "compare", "join_learned", "levels", "load_matcher"]

WEIGHTS_FILE = Path(__file__).with_name("matcher_weights.json")

FEATURES = (
    "set_ratio",
    "sort_ratio",
    "cover_p",
    "cover_q",
    "rare_left_p",
    "rare_left_q",
    "acronym",
    "code_equal",
    "code_differ",
    "city_agree",
    "city_differ",
    "numbers_differ",
    "same_form",
    "margin",
)
"""The comparison levels, in the order of the learned weights."""

_BLOCK_LIMIT = 3000
"""A word carried by more names than this selects no candidates (it still counts in the levels)."""


@dataclass
class MatchContext:
    """Word rarity over the profiles being resolved, and an index of their name forms by word."""

    df: Counter[str] = field(default_factory=Counter)
    n: int = 1
    by_word: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, profiles: Iterable[ActorProfile]) -> MatchContext:
        """Index the profiles' name forms; a name given to two organisations or more besides its own
        name's is a body's name that rows gave its labs ("Sorbonne Université" on a lab's row), not
        an alias of either, and is left out."""
        profiles = list(profiles)
        holders: Counter[str] = Counter(f for p in profiles for f in _forms(p))
        own = {p.norm for p in profiles}
        ctx = cls()
        for p in profiles:
            forms = tuple(f for f in _forms(p) if f == p.norm or (holders[f] == 1 and f not in own))
            if not forms:
                continue
            ctx.forms[p.id] = forms
            words = {w for f in forms for w in f.split()}
            ctx.df.update(words)
            for w in words:
                ctx.by_word[w].append(p.id)
        ctx.n = max(1, len(ctx.forms))
        return ctx

    def idf(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df.get(word, 0) + 1)) + 1.0

    def candidates(self, p: ActorProfile, limit: int = 12) -> list[str]:
        """Profiles sharing p's rarest words, best shared rarity first."""
        weight: Counter[str] = Counter()
        for w in {w for f in _forms(p) for w in f.split()}:
            ids = self.by_word.get(w, ())
            if not ids or len(ids) > _BLOCK_LIMIT:
                continue
            idf = self.idf(w)
            for q in ids:
                weight[q] += idf
        weight.pop(p.id, None)
        return [q for q, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def _forms(p: ActorProfile) -> tuple[str, ...]:
    return tuple(sorted({p.norm, *(name_norm(n) for n in p.names)} - {""}))


def levels(p: ActorProfile, qs: Sequence[ActorProfile], ctx: MatchContext) -> list[list[float]]:
    """The comparison levels of p against each candidate, with how far each stands above the best other
    one (a name close to two labs names neither for sure), in `FEATURES` order."""
    rows = [compare(p, q, ctx) for q in qs]
    base = [r[0] * r[3] for r in rows]
    for i, r in enumerate(rows):
        other = max((b for j, b in enumerate(base) if j != i), default=0.0)
        r.append(base[i] - other)
    return rows


def compare(p: ActorProfile, q: ActorProfile, ctx: MatchContext) -> list[float]:
    """The pairwise comparison levels of p's name against q's closest name form (all but `margin`)."""
    a = p.norm
    forms = ctx.forms.get(q.id) or _forms(q)
    b = max(forms, key=lambda f: (fuzz.token_set_ratio(a, f), f)) if forms else ""
    wa, wb = set(a.split()), set(b.split())
    ia = {w: ctx.idf(w) for w in wa}
    ib = {w: ctx.idf(w) for w in wb}
    shared = wa & wb
    cover_p = sum(ia[w] for w in shared) / (sum(ia.values()) or 1.0)
    cover_q = sum(ib[w] for w in shared) / (sum(ib.values()) or 1.0)
    left_p = max((ia[w] for w in wa - wb), default=0.0)
    left_q = max((ib[w] for w in wb - wa), default=0.0)
    top = math.log(ctx.n + 1) + 1.0
    acr = q.acronym.lower()
    acronym = bool(acr and len(acr) >= 3 and (acr in wa or (p.acronym and p.acronym == q.acronym)))
    ca, cb = lab_code_numbers(a), lab_code_numbers(b)
    na, nb = name_numbers(a), name_numbers(b)
    city_known = bool(p.city and q.city)
    agree = city_known and cities_agree(p.city, q.city)
    return [
        fuzz.token_set_ratio(a, b) / 100.0,
        fuzz.token_sort_ratio(a, b) / 100.0,
        cover_p,
        cover_q,
        left_p / top,
        left_q / top,
        float(acronym),
        float(bool(ca & cb)),
        float(bool(ca and cb and not ca & cb)),
        float(agree),
        float(city_known and not agree),
        float(bool(na and nb and na != nb)),
        float(a == b),
    ]


@dataclass(frozen=True)
class Matcher:
    """Learned weights of the comparison levels, and the thresholds read off the precision–recall curve."""

    weights: tuple[float, ...]
    bias: float
    merge: float | None
    """None when no threshold reached the precision goal on dev: the matcher then only suggests."""
    review: float
    features: tuple[str, ...] = FEATURES

    def probability(self, x: Sequence[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_matcher(path: Path = WEIGHTS_FILE) -> Matcher | None:
    """The trained matcher, or None where no weights were trained (the alias and rule stages then decide alone)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: trained on levels {data['features']}, the code computes {list(FEATURES)}")
    return Matcher(tuple(data["weights"]), data["bias"], data["merge"], data["review"])


def join_learned(
    profiles: Mapping[str, ActorProfile],
    find: Callable[[str], str],
    try_union: Callable[..., bool],
    apart_ok: Callable[[str, str], bool],
    matcher: Matcher | None = None,
) -> tuple[list[tuple[str, str, float]], list[tuple[str, str, float]]]:
    """Join what the aliases and rules left alone to the organisation the learned matcher is sure of.

    Only name-only records of the load still on their own are tried, only against identified
    or already-loaded actors. Returns the merges (record, actor, probability) and the pairs for a
    person (probability between the review and merge thresholds).
    """
    matcher = matcher or load_matcher()
    if matcher is None:
        return [], []
    alone = Counter(find(i) for i in profiles)
    todo = [p for p in profiles.values() if not p.strong and not p.in_graph and p.norm and alone[find(p.id)] == 1]
    if not todo:
        return [], []
    trusted = {i: p for i, p in profiles.items() if p.strong or p.in_graph}
    ctx = MatchContext.build(trusted.values())
    merged: list[tuple[str, str, float]] = []
    review: list[tuple[str, str, float]] = []
    for p in todo:
        cands = [q for q in ctx.candidates(p) if apart_ok(p.id, q)]
        if not cands:
            continue
        probs = [matcher.probability(v) for v in levels(p, [trusted[q] for q in cands], ctx)]
        best = max(range(len(cands)), key=lambda k: (probs[k], -k))
        prob, qid = probs[best], cands[best]
        if matcher.merge is not None and prob >= matcher.merge and try_union(p.id, qid, by_name=True):
            merged.append((p.id, qid, round(prob, 3)))
        elif prob >= matcher.review:
            review.append((p.id, qid, round(prob, 3)))
    return merged, review
