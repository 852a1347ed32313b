"""The Cypher library and the analytics built on it."""

from queries.library import NamedQuery, Param, get_query, load_library, run_named

__all__ = ["NamedQuery", "Param", "get_query", "load_library", "run_named"]
