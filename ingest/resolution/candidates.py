"""Which actor a name-only record is, among the candidates its blocking words bring."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from ingest.places import country
from ingest.resolution.bodies import (
    far_ok,
    far_site_ok,
    is_delegation,
    is_hospital,
    names_body,
    public_body,
    unplaced_acronym_ok,
)
from ingest.resolution.forms import (
    SEPARATORS,
    acronym_key,
    block_keys,
    common_words,
    is_distinctive,
    match_norm,
    plain_initials,
    spelt_hospital,
    split_parts,
)
from ingest.resolution.profiles import MERGE_SCORE, ActorProfile, Resolution, strength
from ingest.resolution.score import BARE_SCORE, pair_score
from ingest.resolution.sites import cities_agree, city_ok, may_share_country, one_body_two_sites, same_name, site_core
from ingest.resolution.units import lab_code_numbers

_CANDIDATE_SCORE = 70.0
"""Blocked candidates scoring this much (rapidfuzz token_set_ratio) get the full comparison: a typo in a
short name ("Unversity of Zürich" / "Universität Zürich", 74) costs a lot of this quick score."""


def profile_keys(p: ActorProfile) -> tuple[str, ...]:
    """Blocking words of a profile: those of its whole name, and the first distinctive word of each
    part of it, so "Université Paris 5 - Innovations thérapeutiques en hémostase" meets the lab's own name."""
    return _name_keys(p.norm, p.name)


@lru_cache(maxsize=65536)
def _name_keys(norm: str, name: str) -> tuple[str, ...]:
    keys = list(block_keys(norm))
    if spelt_hospital(norm) != norm:  # "CHRU de Lille" meets "Centre Hospitalier Régional Universitaire de Lille"
        keys += [k for k in block_keys(spelt_hospital(norm)) if k not in keys]
    # a name's last word when it is a proper noun: two names that differ by their first words still meet
    # ("Centre de lutte contre le cancer Georges François Leclerc" / "Centre de cancérologie … Leclerc")
    last = norm.rsplit(" ", 1)[-1]
    if len(last) >= 4 and not last.isdigit() and last not in keys and last not in common_words():
        keys.append(last)
    # a lab code meets the same code whatever words surround it ("Inserm U1205" / "Institut national … U1205")
    keys += [f"code {n}" for n in sorted(lab_code_numbers(norm))]
    if len(norm) > 12 and SEPARATORS.search(name):
        common = common_words()
        for part in split_parts(name):
            university = "univ" in part.split()  # "…, University of Veterinary Medicine Vienna": its first words
            for k in block_keys(part)[: 2 if university else None]:
                if k not in keys and (university or k not in common):
                    keys.append(k)
    return tuple(keys)


def best_match(
    p: ActorProfile,
    profiles: Mapping[str, ActorProfile],
    by_norm: Mapping[str, list[ActorProfile]],
    by_compact: Mapping[str, list[ActorProfile]],
    blocks: Mapping[str, list[ActorProfile]],
    acronyms: Mapping[str, set[str]],
    initials: Mapping[str, set[str]],
    apart_ok: Any,
    review_score: float,
) -> tuple[float, str] | None:
    """The best partner of a name-only actor: same name, else its unique acronym (declared, or
    spelt by the initials of one name), else fuzzy."""

    def fits(q: ActorProfile) -> bool:
        return q.id != p.id and cities_agree(p.city, q.city) and apart_ok(p.id, q.id)

    def pcity_ok(q: ActorProfile) -> bool:
        return bool(p.city and q.city) and cities_agree(p.city, q.city)

    compact = p.norm.replace(" ", "")
    same = {q.id: q for q in (*by_norm.get(p.norm, ()), *by_compact.get(compact, ()))}.values()
    # ("Super Sonic Imagine" / "Supersonic Imagine"); by_compact also holds a body's sites under the body's
    # name ("INRAE Centre Hauts-de-France" under "inra"): those only when they are that body's
    core = site_core(p).replace(" ", "")
    same = list({q.id: q for q in same if q.norm.replace(" ", "") == compact}.values())
    sites = [q for q in by_compact.get(core, ()) if q not in same and one_body_two_sites(p, q)]
    exact = sorted((q for q in same if fits(q)), key=strength)
    if exact:
        strong = {q.ext for q in exact if q.strong}
        # one name, several identified organisations (two labs called "Institut des sciences de la Terre"):
        # a person decides
        return (100.0 if len(strong) <= 1 else review_score, exact[0].id)
    # a site of the body in the same city, after the organisation a bare acronym spells or declares ("ONERA"
    # at Toulouse is Office National d'Études et de Recherches Aérospatiales before "ONERA Centre de Toulouse":
    # the sites join the body afterwards, see join_sites)
    site = sorted((q for q in sites if fits(q)), key=strength)
    same += sites
    # the same distinctive name in another city is often one organisation's other site (IFP Energies
    # nouvelles, Rueil and Solaize), sometimes another one (a subsidiary abroad): a person decides
    elsewhere = sorted(
        (
            q
            for q in same
            if q.id != p.id
            and apart_ok(p.id, q.id)
            and (is_distinctive(p.norm) or one_body_two_sites(p, q) or far_site_ok(p, q))
        ),
        key=strength,
    )
    key = acronym_key(p.name)
    if len(key) <= 10 and " " not in p.name.strip():
        owners = [i for i in sorted(acronyms.get(key, ())) if i != p.id and apart_ok(p.id, i)]
        if len(owners) == 1:  # the acronym of an organisation elsewhere: its site, or a namesake
            owner = profiles[owners[0]]
            ok = (city_ok(p, owner) or far_ok(p, owner)) and (bool(p.city) or unplaced_acronym_ok(key, owner))
            if ok or not site:
                return (100.0 if ok else review_score, owners[0])
        spelt = [
            i
            for i in sorted(initials.get(key, ()))
            if i != p.id and (fits(profiles[i]) or (apart_ok(p.id, i) and far_ok(p, profiles[i])))
        ]
        # three letters spell too many names: only in the city the spelt name is placed in ("RKI" /
        # "Robert Koch Institute", Berlin)
        placed = len(key) >= 4 or (
            len(spelt) == 1
            and pcity_ok(profiles[spelt[0]])
            and plain_initials(profiles[spelt[0]].norm, profiles[spelt[0]].name)
        )
        if not owners and len(key) >= 3 and placed and key.isalpha() and p.name.strip().isupper() and len(spelt) == 1:
            return (100.0, spelt[0])  # "SPCSI" = Service de Physique et Chimie des Surfaces et Interfaces
    if site:
        return (100.0 if len({q.ext for q in site if q.strong}) <= 1 else review_score, site[0].id)
    seen: set[str] = {p.id}
    candidates = []
    far = []  # in another city of the country: compared only as one public body's two sites
    pcity = p.city
    delegation = is_delegation(p)  # a delegation's two cities are compared as a public body's
    far_country = country(pcity) if pcity and (delegation or public_body(p)) else ""
    for key in profile_keys(p):
        for q in blocks.get(key, ()):
            if q.id in seen:
                continue
            seen.add(q.id)  # the same test as fits(q), inlined: this loop runs a million times a load
            if not apart_ok(p.id, q.id):
                continue
            if not pcity or not q.city or cities_agree(pcity, q.city):
                candidates.append(q)
            elif far_country and (
                is_delegation(q) and may_share_country(pcity, q.city)
                if delegation
                else country(q.city) == far_country and public_body(q)
            ):
                far.append(q)
    # screened on the compared names, and on those without a German university's founders' names
    choices = [q.norm for q in candidates]
    n, more = len(choices), []
    for i in [i for i, q in enumerate(candidates) if "-" in q.name]:
        plain = match_norm(candidates[i].name, candidates[i].norm)
        if plain != candidates[i].norm:
            choices.append(plain)
            more.append(i)
    hospital = "hospital" in p.norm or is_hospital(set(p.norm.split()))  # only a hospital meets a "CHRU" spelt out
    for i in [i for i, q in enumerate(candidates) if spelt_hospital(q.norm) != q.norm] if hospital else ():
        choices.append(spelt_hospital(candidates[i].norm))  # and a "CHRU" as "centre hospitalier régional …"
        more.append(i)
    mine = match_norm(p.name, p.norm) if "-" in p.name else p.norm
    found = process.extract(mine, choices, scorer=fuzz.token_set_ratio, score_cutoff=_CANDIDATE_SCORE, limit=8)
    if mine != p.norm:
        found += process.extract(p.norm, choices, scorer=fuzz.token_set_ratio, score_cutoff=_CANDIDATE_SCORE, limit=8)
    if spelt_hospital(p.norm) != p.norm:
        found += process.extract(
            spelt_hospital(p.norm), choices, scorer=fuzz.token_set_ratio, score_cutoff=_CANDIDATE_SCORE, limit=8
        )
    screened = sorted({j if j < n else more[j - n] for _c, _s, j in found})
    scored = sorted(((pair_score(p, candidates[i]), candidates[i].id) for i in screened), key=lambda t: (-t[0], t[1]))
    if far and (not scored or scored[0][0] < MERGE_SCORE):
        found = process.extract(
            p.norm, [q.norm for q in far], scorer=fuzz.token_set_ratio, score_cutoff=_CANDIDATE_SCORE, limit=8
        )
        sites = sorted((q.id for _c, _s, i in found for q in (far[i],) if pair_score(p, q) >= BARE_SCORE))
        if sites:
            scored = [(100.0, sites[0])]
    if (not scored or scored[0][0] < review_score) and elsewhere:
        return (100.0, elsewhere[0].id)
    if not scored or scored[0][0] < review_score:
        return None
    return scored[0]


def join_sites(
    profiles: Mapping[str, ActorProfile],
    res: Resolution,
    try_union: Any,
    apart_ok: Any,
    acronyms: Mapping[str, set[str]],
    initials: Mapping[str, set[str]],
) -> None:
    """Every record of a one-word body named with one of its sites joins the body ("ONERA Centre de Lille",
    "ONERA CENTRE DE MEUDON", "ONERA"): each record matched one partner by name, so two sites that each
    found another record of the body would otherwise stay two actors. And the body's records join the one
    organisation that declares that acronym or is a public body it spells ("IFREMER" sites and Institut
    Français de Recherche pour l'Exploitation de la Mer), in one country."""
    sites: dict[str, list[ActorProfile]] = defaultdict(list)
    for p in profiles.values():
        if p.norm:
            core = site_core(p)
            if " " not in core and len(core) >= 3:
                sites[core].append(p)
    for _core, group in sorted(sites.items()):
        if len(group) < 2:
            continue
        group.sort(key=strength)
        for q in group[1:]:
            for head in group[:5]:
                if head.id == q.id or not apart_ok(head.id, q.id) or not one_body_two_sites(head, q):
                    continue
                here = city_ok(head, q)
                if (here or same_name(head, q)) and try_union(head.id, q.id, by_name=here):
                    res.merged_by_name += 1
                    res.name_links.append((q.id, head.id, 100.0))
                break
    for core, group in sorted(sites.items()):
        key = core.upper()
        heads = [q for q in group if q.norm == core and not q.strong and q.name.strip().isupper()]
        if not heads or len(key) < 4:
            continue
        owners = sorted(acronyms.get(key, ())) or sorted(initials.get(key, ()))
        if len(owners) != 1 or owners[0] in {q.id for q in group}:
            continue
        head, owner = heads[0], profiles[owners[0]]
        placed = {country(c) for c in (*(q.city for q in group), owner.city) if c}
        if (
            names_body(key, owner)
            and apart_ok(head.id, owner.id)
            and len(placed) <= 1
            and "" not in placed
            and try_union(head.id, owner.id, by_name=False)
        ):
            res.merged_by_name += 1
            res.name_links.append((head.id, owner.id, 100.0))
