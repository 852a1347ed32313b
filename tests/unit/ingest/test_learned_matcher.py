"""The learned matcher's comparison levels and weights file (issue 14)."""

from __future__ import annotations

import json

import pytest

from ingest.resolution import make_profile
from ingest.resolution.learned import FEATURES, WEIGHTS_FILE, MatchContext, levels, load_matcher


def _labs():
    return [
        make_profile("rnsr-1", "Centre d'Ecologie Fonctionnelle et Evolutive", "Montpellier", "CEFE", (("rnsr", "1"),)),
        make_profile("rnsr-2", "Centre d'Etudes Spatiales de la Biosphère", "Toulouse", "CESBIO", (("rnsr", "2"),)),
        make_profile("rnsr-3", "Laboratoire de physique théorique", "Toulouse", "LPT", (("rnsr", "3"),)),
    ]


def test_a_lab_named_with_its_acronym_stands_above_the_other_candidates() -> None:
    labs = _labs()
    ctx = MatchContext.build(labs)
    row = make_profile("anr-x", "Centre dEcologie Fonctionnelle et Evolutive (CEFE)", "Montpellier")
    assert ctx.candidates(row)[0] == "rnsr-1"
    v = dict(zip(FEATURES, levels(row, labs, ctx)[0], strict=True))
    assert v["set_ratio"] == 1.0 and v["acronym"] == 1.0 and v["city_agree"] == 1.0 and v["margin"] > 0.3
    other = dict(zip(FEATURES, levels(row, labs, ctx)[2], strict=True))
    assert other["margin"] < 0 and other["city_differ"] == 1.0


def test_a_name_two_organisations_were_given_is_no_alias_of_either() -> None:
    a = make_profile("rnsr-a", "Lab A", "Paris", names=["Sorbonne Université"])
    b = make_profile("rnsr-b", "Lab B", "Paris", names=["Sorbonne Université"])
    ctx = MatchContext.build([a, b])
    assert ctx.forms["rnsr-a"] == (a.norm,)


def test_the_weights_file_matches_the_levels_the_code_computes(tmp_path) -> None:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES) and len(data["weights"]) == len(FEATURES)
    m = load_matcher()
    assert m is not None and 0.5 <= m.review < 1.0 and (m.merge is None or m.review <= m.merge < 1.0)
    bad = tmp_path / "weights.json"
    bad.write_text(json.dumps({**data, "features": ["x"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="trained on levels"):
        load_matcher(bad)
