// name: actor_profile
// purpose: One actor with every relationship it has, the node at the other end and the provenance of each fact.
// params: actor_id: str = medicen
// returns: id, name, kind, rel, direction, other_id, other_name, other_label, sources, evidence
// example: carto query actor_profile --param actor_id=institut-curie
MATCH (a:Actor {id: $actor_id})-[r]-(o)
RETURN a.id AS id, a.name AS name, a.kind AS kind, type(r) AS rel,
       CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       o.id AS other_id, coalesce(o.name, o.title) AS other_name,
       CASE WHEN o:Actor THEN 'Actor' WHEN o:Project THEN 'Project' ELSE o.scheme END AS other_label,
       r.sources AS sources, r.evidence AS evidence
ORDER BY rel, direction, other_id
