// name: rec_actor_refs
// purpose: Resolve actor references by canonical id or exact name, through the id and name indexes (external ids: rec_actor_xrefs).
// params: refs: list[str] = medicen
// returns: ref, by_id, id_name, by_name, name_name
// example: carto query rec_actor_refs --param refs=ap-hp
UNWIND $refs AS ref
OPTIONAL MATCH (byid:Actor {id: ref})
OPTIONAL MATCH (byname:Actor {name: ref})
WITH ref, byid, byname
WHERE byid IS NOT NULL OR byname IS NOT NULL
RETURN ref, byid.id AS by_id, byid.name AS id_name, byname.id AS by_name, byname.name AS name_name
ORDER BY ref, by_id, by_name
