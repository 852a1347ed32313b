"""Text for the recommender: tokens for TF-IDF, and concepts inferred from labels of the ontology.

Kept dependency-free (no scikit-learn): the recommender only needs a tokenizer, a stop list and
a whole-word matcher over the concepts' `prefLabel` / `altLabel` / `hiddenLabel`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ontology import Schema
from ontology.text import strip_accents

__all__ = ["THEMATIC_LABELS", "fold", "tokens", "term_counts", "infer_concepts"]

THEMATIC_LABELS = ("Domain", "Axis", "Technology", "Sector", "Market")

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    """
    a an and are as at be by for from has have in into is it its of on or that the their this to was were which with
    we our new using based study project approach towards toward between through via use used can will also more
    au aux avec ce ces cette dans de des du en est et il ils la le les leur leurs mais ou par pas plus pour qui que
    sa se ses son sont sur un une nous notre nos etre ete vers entre ainsi afin comme dont elle elles tout tous
    projet etude nouvelle nouvelles nouveau nouveaux approche approches partir lors sein non
    """.split()
)


def fold(text: str) -> str:
    """Lowercase without accents, so French and English spellings meet.

    Examples
    --------
    >>> fold("Hôpital Européen")
    'hopital europeen'
    """
    return strip_accents(text.lower())


def tokens(text: str | None) -> list[str]:
    """Index terms of a text: folded words of 3+ characters, stop words out, a plural `s` cut.

    Examples
    --------
    >>> tokens("Les cellules souches et l'imagerie des tumeurs")
    ['cellule', 'souche', 'imagerie', 'tumeur']
    """
    if not text:
        return []
    out = []
    for word in _WORD.findall(fold(text)):
        if len(word) < 3 or word in _STOP or word.isdigit():
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


def term_counts(*texts: str | None) -> Counter[str]:
    """Term frequencies of several fields joined (title, abstract, acronym, call…)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(tokens(text))
    return counts


@cache
def _matchers(schema: Schema) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for concept in sorted(schema.concepts.values(), key=lambda c: c.id):
        if concept.label not in THEMATIC_LABELS:
            continue
        phrases = {fold(name) for _, name in concept.names} | {fold(alt) for alt, _ in concept.alt_labels}
        phrases = {p.strip() for p in phrases if len(p.strip()) >= 3}
        if not phrases:
            continue
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))
        out.append((concept.id, re.compile(rf"(?<![a-z0-9])(?:{alternation})s?(?![a-z0-9])")))
    return tuple(out)


def infer_concepts(text: str | None, schema: Schema) -> list[str]:
    """Concepts whose label or alternative label occurs in the text as whole words, sorted by id.

    Examples
    --------
    >>> from ontology import load_schema
    >>> "axis-imaging" in infer_concepts("Imagerie biomédicale des tumeurs", load_schema())
    True
    """
    if not text:
        return []
    folded = fold(text)
    return [cid for cid, pattern in _matchers(schema) if pattern.search(folded)]
