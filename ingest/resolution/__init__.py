"""Entity resolution: which records of a load and which actors of the graph are one organisation.

Identifiers first (a shared RNSR, SIREN, PIC, FINESS, UAI, ROR), then aliases (every name an
identified or already-loaded actor arrived under), then a name matcher for what is left;
ambiguous pairs go to a review file that a person decides.
"""

from ingest.resolution.forms import COMMON_WORDS_FILE, block_keys, city_key, compare_key, match_score
from ingest.resolution.profiles import (
    MERGE_SCORE,
    REVIEW_SCORE,
    ActorProfile,
    Decision,
    Resolution,
    known_actors,
    make_profile,
    profiles_of,
)
from ingest.resolution.resolver import resolve_batch, resolve_profiles
from ingest.resolution.review import read_decisions, write_review
from ingest.resolution.score import pair_score

__all__ = [
    "ActorProfile",
    "Decision",
    "Resolution",
    "MERGE_SCORE",
    "REVIEW_SCORE",
    "COMMON_WORDS_FILE",
    "block_keys",
    "city_key",
    "compare_key",
    "known_actors",
    "make_profile",
    "match_score",
    "pair_score",
    "profiles_of",
    "read_decisions",
    "resolve_batch",
    "resolve_profiles",
    "write_review",
]
