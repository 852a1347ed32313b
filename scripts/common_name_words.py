"""Write ingest/common_name_words.txt: the words of organisation names too common to tell two apart.

Why: the resolver lets two identical names merge across different cities, and lets a name
match one segment of a longer name, only when the name has a distinctive word (a proper
noun such as "Eiffel", "Uppsala", "Biogemma"); "Délégation à la recherche clinique et à
l'innovation" or "Institut des sciences de la Terre" exist in many cities as different
bodies. Distinctive = not in this list: the words (in the resolver's comparison form) found
in at least MIN_DF actor names of the five publisher files of ../shared/data.

    python scripts/common_name_words.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.anr import read_anr, read_anr_pia  # noqa: E402
from ingest.cordis import read_cordis  # noqa: E402
from ingest.ids import norm_name  # noqa: E402
from ingest.ilab import read_ilab  # noqa: E402
from ingest.resolution import COMMON_WORDS_FILE, compare_key, profiles_of  # noqa: E402
from ingest.rnsr import read_rnsr  # noqa: E402
from ingest.shared_data import SHARED_DATA_FILES  # noqa: E402
from ontology import load_schema  # noqa: E402

MIN_DF = 15
READERS = {"rnsr": read_rnsr, "ilab": read_ilab, "anr": read_anr, "anr-pia": read_anr_pia, "cordis": read_cordis}


def main() -> int:
    schema = load_schema()
    data = ROOT.parent / "shared" / "data"
    names: dict[str, str] = {}
    for source, files in SHARED_DATA_FILES.items():
        for p in profiles_of(READERS[source](schema, [data / f for f in files])).values():
            if p.name and not p.name.startswith("Entreprise SIREN"):
                names.setdefault(p.id, p.name)
    df = Counter(w for n in names.values() for w in set(compare_key(norm_name(n)).split()))
    words = sorted((w, c) for w, c in df.items() if c >= MIN_DF and not w.isdigit())
    header = f"# word, number of the {len(names)} actor names of ../shared/data that have it (>= {MIN_DF})\n"
    text = header + "".join(f"{w}\t{c}\n" for w, c in words)
    COMMON_WORDS_FILE.write_text(text, encoding="utf-8")
    print(f"{len(words)} words -> {COMMON_WORDS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
