"""The resolution stages, in order: identifiers, remembered merges, aliases, names, the learned matcher."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from ingest.records import Batch, LinkRecord, NodeRecord
from ingest.resolution.aliases import AliasIndex, pick
from ingest.resolution.bodies import far_ok
from ingest.resolution.candidates import best_match, join_sites, profile_keys
from ingest.resolution.context import LAB_ACRONYMS, NAME_WORDS, NameWords
from ingest.resolution.forms import name_norm, own_acronyms, written_initials, written_key
from ingest.resolution.profiles import (
    MERGE_SCORE,
    REVIEW_SCORE,
    ActorProfile,
    Decision,
    Resolution,
    UnionFind,
    conflict,
    make_profile,
    profiles_of,
    strength,
)
from ingest.resolution.score import bridge_of
from ingest.resolution.sites import cities_agree, city_ok, same_name, site_core

log = logging.getLogger(__name__)


def resolve_profiles(
    profiles: Mapping[str, ActorProfile],
    decisions: Iterable[Decision] = (),
    *,
    merge_score: float = MERGE_SCORE,
    review_score: float = REVIEW_SCORE,
) -> Resolution:
    """Cluster actor profiles; each cluster maps to its strongest id."""
    token = LAB_ACRONYMS.set(
        frozenset(
            p.acronym.lower() for p in profiles.values() if len(p.acronym) >= 3 and any(k == "rnsr" for k, _ in p.ext)
        )
    )
    words = NAME_WORDS.set(NameWords(profiles))
    try:
        return _resolve_profiles(profiles, decisions, merge_score, review_score)
    finally:
        LAB_ACRONYMS.reset(token)
        NAME_WORDS.reset(words)


def _resolve_profiles(
    profiles: Mapping[str, ActorProfile], decisions: Iterable[Decision], merge_score: float, review_score: float
) -> Resolution:
    uf = UnionFind()
    res = Resolution()
    members: dict[str, list[ActorProfile]] = defaultdict(list)
    for p in profiles.values():
        uf.find(p.id)

    cities: dict[str, set[str]] = {}

    def try_union(a: str, b: str, by_name: bool = False, trusted: bool = False) -> bool:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return False
        merged = members.get(ra, [profiles[ra]]) + members.get(rb, [profiles[rb]])
        if conflict(merged):
            return False
        ca = cities.get(ra, {profiles[ra].city} - {""})
        cb = cities.get(rb, {profiles[rb].city} - {""})
        # a name match joins two clusters only where their places agree: "X (Paris)" and "X (Lyon)"
        # do not become one through a third "X" with no city; a cluster already on two sites of one
        # organisation (Ramonville, Villeneuve-d'Ascq) takes a record from either
        if by_name and ca and cb and not any(cities_agree(x, y) for x in ca for y in cb):
            return False
        # two actors the graph already holds stay two: a load cannot fold one node into another,
        # so a name merge between them would only send this load's records to one of them
        if (
            not trusted
            and any(m.in_graph for m in members.get(ra, [profiles[ra]]))
            and any(m.in_graph for m in members.get(rb, [profiles[rb]]))
        ):
            return False
        uf.union(a, b)
        root = uf.find(a)
        members[root] = merged
        cities[root] = ca | cb
        return True

    # 1. identifiers
    by_ext: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in profiles.values():
        for kv in p.ext:
            by_ext[kv].append(p.id)
    for _kv, ids in sorted(by_ext.items()):
        for other in ids[1:]:
            if try_union(ids[0], other, trusted=True):
                res.merged_by_id += 1

    # a record an earlier load merged into an actor of the graph is that actor again
    remembered: set[str] = set()
    owners: dict[str, set[str]] = defaultdict(set)
    for p in profiles.values():
        for old in p.merged_ids:
            owners[old].add(p.id)
    for old, owner in sorted(owners.items()):
        if old in profiles and len(owner) == 1 and not profiles[old].in_graph:
            if try_union(old, next(iter(owner)), trusted=True):
                res.merged_by_alias += 1
                remembered.add(old)

    apart = {frozenset((d.a, d.b)) for d in decisions if d.verdict == "keep_apart"}
    for d in decisions:
        if d.verdict == "merge" and d.a in profiles and d.b in profiles:
            try_union(d.a, d.b, trusted=True)

    apart_ok = (lambda x, y: frozenset((x, y)) not in apart) if apart else (lambda x, y: True)  # noqa: E731

    # 2. aliases: a name an identified or loaded actor is known under names that actor
    aliased = _join_aliases(profiles, res, uf, try_union, apart_ok, remembered) | remembered

    # 3. names, for actors named by a slug
    by_norm: dict[str, list[ActorProfile]] = defaultdict(list)
    by_compact: dict[str, list[ActorProfile]] = defaultdict(list)
    blocks: dict[str, list[ActorProfile]] = defaultdict(list)
    acronyms: dict[str, set[str]] = defaultdict(set)
    initials: dict[str, set[str]] = defaultdict(set)
    for p in profiles.values():
        if p.norm:
            by_norm[p.norm].append(p)
            by_compact[p.norm.replace(" ", "")].append(p)
            core = site_core(p)
            if core != p.norm:
                by_compact[core.replace(" ", "")].append(p)
            for key in profile_keys(p):
                blocks[key].append(p)
            words = p.norm.split()
            if len(words) >= 3:
                initials["".join(w[0] for w in words).upper()].add(p.id)
                written = written_initials(p.name)  # "Deutsches Zentrum für … Erkrankungen": DZNE
                if written:
                    initials[written].add(p.id)
        if p.acronym and len(p.acronym) >= 3:
            acronyms[p.acronym].add(p.id)
        for own in own_acronyms(p.name):  # "Leibniz Centre for Agricultural Landscape Research (ZALF)"
            if own != p.acronym:
                acronyms[own].add(p.id)
    for p in (p for p in profiles.values() if not p.strong and p.norm and p.id not in aliased):
        best = best_match(p, profiles, by_norm, by_compact, blocks, acronyms, initials, apart_ok, review_score)
        if best is None:
            continue
        score, qid = best
        if score >= merge_score:
            bridge = bridge_of(p, profiles[qid])
            if bridge is not None and len(members.get(uf.find(bridge.id), ())) > 1:
                continue  # it already joined the organisation it names with another
            q = profiles[qid]
            elsewhere = not city_ok(p, q)
            if elsewhere and not (same_name(p, q) or far_ok(p, q)):
                # the name of an organisation abroad (a subsidiary, a namesake): a person decides
                res.review.append((*sorted((p, q), key=lambda x: x.id), round(score, 1)))
                continue
            # the same distinctive name in two cities of one country is one organisation's two
            # sites: no test of place then, so "X (Paris)" and "X (Lyon)" join through it
            if try_union(p.id, qid, by_name=not elsewhere):
                res.merged_by_name += 1
                res.name_links.append((p.id, qid, round(score, 1)))
        else:
            a, b = sorted((p.id, qid))
            res.review.append((profiles[a], profiles[b], round(score, 1)))

    join_sites(profiles, res, try_union, apart_ok, acronyms, initials)

    # 4. the learned matcher, for records still alone
    from ingest.resolution.learned import join_learned  # it reads this module's name forms

    learned, unsure = join_learned(profiles, uf.find, try_union, apart_ok)
    res.merged_by_model = len(learned)
    res.name_links.extend(learned)
    res.review.extend((*sorted((profiles[a], profiles[b]), key=lambda x: x.id), s) for a, b, s in unsure)

    groups: dict[str, list[ActorProfile]] = defaultdict(list)
    for i in sorted(profiles):
        groups[uf.find(i)].append(profiles[i])
    for _root, group in sorted(groups.items()):
        if len(group) < 2:
            continue
        canonical = min(group, key=strength).id
        for p in group:
            if p.id != canonical:
                res.mapping[p.id] = canonical
    res.review = sorted({(a.id, b.id): (a, b, s) for a, b, s in res.review}.values(), key=lambda t: (t[0].id, t[1].id))
    return res


def _join_aliases(
    profiles: Mapping[str, ActorProfile],
    res: Resolution,
    uf: UnionFind,
    try_union: Callable[..., bool],
    apart_ok: Callable[[str, str], bool],
    done: set[str],
) -> set[str]:
    """Join each name-only record of the load to the organisation one of its names is an alias of.

    Aliases are the names of actors a name may be trusted for: identified ones and those the
    graph holds (every name they were loaded under, their own name and acronym), in a place
    that agrees. A name as written comes first: an actor of the graph that holds that spelling
    is where the spelling landed before, so it lands there again; then its compared form. A
    name held by several actors names the one whose own name or acronym it is, else none.
    Returns the ids so joined.
    """
    trusted = [p for p in profiles.values() if p.strong or p.in_graph]

    def entries(key: Callable[[str], str]) -> Iterable[tuple[str, str, bool]]:
        for p in trusted:
            for n in (p.name, *p.names):
                yield key(n), p.id, n == p.name or (bool(p.acronym) and key(n) == key(p.acronym))

    written, compared = AliasIndex.build(entries(written_key)), AliasIndex.build(entries(name_norm))
    joined: set[str] = set()
    for p in profiles.values():
        if p.strong or p.in_graph or not p.norm or p.id in done:
            continue
        spellings = sorted({p.name, *p.names} - {""})
        for index, key, by_name in ((written, written_key, False), (compared, name_norm, True)):

            def place_ok(q: str, p: ActorProfile = p) -> bool:
                return city_ok(p, profiles[q])

            target = None
            for k in sorted({key(n) for n in spellings} - {""}):
                hits = [h for h in index.hits(k) if h.actor_id != p.id and apart_ok(p.id, h.actor_id)]
                target = pick(hits, uf.find, place_ok)
                if target is not None:
                    break
            if target is None:
                continue
            if try_union(p.id, target, by_name=by_name):
                res.merged_by_alias += 1
                res.name_links.append((p.id, target, 100.0))
            if uf.find(p.id) == uf.find(target):
                joined.add(p.id)
            break
    return joined


def _remap_node(rec: NodeRecord, mapping: Mapping[str, str]) -> NodeRecord:
    new = mapping.get(rec.id)
    if rec.label != "Actor" or new is None:
        return rec
    props = dict(rec.props)
    props["aliases"] = [rec.id]
    return replace(rec, id=new, props=props)


def _remap_link(rec: LinkRecord, mapping: Mapping[str, str], symmetric: bool) -> LinkRecord | None:
    src = mapping.get(rec.source_id, rec.source_id) if rec.source_label == "Actor" else rec.source_id
    dst = mapping.get(rec.target_id, rec.target_id) if rec.target_label == "Actor" else rec.target_id
    if src == rec.source_id and dst == rec.target_id:
        return rec
    if rec.source_label == rec.target_label and src == dst:
        return None  # a lab supervised by itself after a merge says nothing
    if symmetric and src > dst:
        src, dst = dst, src
    return replace(rec, source_id=src, target_id=dst)


def resolve_batch(
    batch: Batch,
    *,
    known: Iterable[ActorProfile] = (),
    decisions: Iterable[Decision] = (),
    symmetric_types: frozenset[str] = frozenset({"COLLABORATES_WITH", "PARTNER_OF"}),
) -> Resolution:
    """Merge the batch's actors among themselves and onto `known` actors of the graph, in place.

    Records of merged actors take the canonical id (the graph's id when the actor is already
    there) and keep their old id in `aliases`; links follow.
    """
    profiles = dict(profiles_of(batch))
    for k in known:
        k = make_profile(k.id, k.name, k.city, k.acronym, k.ext, names=k.names, merged_ids=k.merged_ids)
        if k.id not in profiles:
            profiles[k.id] = replace(k, in_graph=True)
        else:
            mine = profiles[k.id]
            names = tuple(sorted({*mine.names, *k.names, k.name} - {mine.name, ""}))
            profiles[k.id] = replace(mine, in_graph=True, names=names, merged_ids=k.merged_ids)
    res = resolve_profiles(dict(sorted(profiles.items())), list(decisions))
    if res.mapping:
        batch.nodes = [_remap_node(n, res.mapping) for n in batch.nodes]
        links = [_remap_link(rec, res.mapping, rec.type in symmetric_types) for rec in batch.links]
        dropped = {
            (rec.origin.file, rec.origin.row) for rec, new in zip(batch.links, links, strict=True) if new is None
        }
        batch.links = [rec for rec in links if rec is not None]
        if dropped:
            still = {(r.origin.file, r.origin.row) for r in batch.nodes} | {
                (r.origin.file, r.origin.row) for r in batch.links
            }
            for file, row in sorted(dropped - still):
                batch.merge_row(file, row)  # its only fact was folded away by the merge
    log.info(
        "resolution: %d merged by id, %d by alias, %d by name, %d to review",
        res.merged_by_id,
        res.merged_by_alias,
        res.merged_by_name,
        len(res.review),
    )
    return res
