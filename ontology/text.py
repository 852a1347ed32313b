"""Text folding shared by every floor that compares names (the ontology's labels, loaders, queries)."""

from __future__ import annotations

import unicodedata

__all__ = ["strip_accents"]


def strip_accents(text: str) -> str:
    """Drop diacritics: "Île-de-France" → "Ile-de-France".

    >>> strip_accents("Île-de-France, génie")
    'Ile-de-France, genie'
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
