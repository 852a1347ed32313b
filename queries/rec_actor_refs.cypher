// name: rec_actor_refs
// purpose: Resolve actor references by canonical id, through the id index (names: rec_actor_names; external ids: rec_actor_xrefs).
// params: refs: list[str] = medicen
// returns: ref, id, name
// example: carto query rec_actor_refs --param refs=ap-hp
UNWIND $refs AS ref
MATCH (a:Actor {id: ref})
RETURN ref, a.id AS id, a.name AS name
ORDER BY ref, id
