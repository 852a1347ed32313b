"""The word lists and tables the name matcher reads, loaded from words.toml (one reason per entry)."""

from __future__ import annotations

import tomllib
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("words.toml")

_DATA = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))


def words(name: str) -> frozenset[str]:
    """A word list of words.toml."""
    return frozenset(_DATA[name]["words"].split())


def table(name: str) -> dict[str, str]:
    """A table of words.toml, as written form → compared form (an underscore joins a form of several words)."""
    return {src.replace("_", " "): target for target, srcs in _DATA[name]["forms"].items() for src in srcs.split()}


GENERIC = words("generic")
LEGAL_BODY_WORDS = words("legal_body_words")
CATEGORY_ACRONYMS = words("category_acronyms")
SITE_WORDS = words("site_words")
SITE_NAME_WORDS = words("site_name_words")
SITE_KIND_WORDS = words("site_kind_words")
HEAD_WORDS = words("head_words")
LAB_HEADS = words("lab_heads")
UNIT_CODES = words("unit_codes")
HOSPITAL_WORDS = words("hospital_words")
TEACHING_WORDS = words("teaching_words")
PUBLIC_HOSPITAL_WORDS = words("public_hospital_words")
FRENCH_TEACHING_WORDS = words("french_teaching_words")
CANCER_CENTRE_WORDS = words("cancer_centre_words")
SERVICE_WORDS = words("service_words")
UNIT_WORDS = words("unit_words")
DELEGATION_WORDS = words("delegation_words")
ORG_WORDS = words("org_words")
UNIT_KINDS = words("unit_kinds")
LAB_CODES = words("lab_codes")
BODY_WORDS = words("body_words")
FEW_PLACE_WORDS = words("few_place_words")
SMALL_WORDS = words("small_words")
PUBLIC_WORDS = words("public_words")
UNIT_STARTS = words("unit_starts")
UNIT_CUTS = words("unit_cuts")
WORD_FORMS = table("word_forms")
CITY_WORDS = table("city_words")
EXONYMS = table("exonyms")
REGION_NAMES = table("region_names")
HOSPITAL_ACRONYMS = table("hospital_acronyms")
UNIT_STEMS = table("unit_stems")
