// name: explorer_actor_facts
// purpose: Every relationship of one actor with the node at the other end and the provenance of the fact (sources, files, record keys, evidence), for the actor page.
// params: actor_id: str = medicen
// returns: rel, direction, other_id, other_name, other_name_en, other_label, other_kind, scheme, role, year, weight, sources, prov_files, prov_keys, evidence
// example: carto query explorer_actor_facts --param actor_id=institut-curie
MATCH (a:Actor {id: $actor_id})-[r]-(o)
RETURN type(r) AS rel, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       o.id AS other_id, coalesce(o.name, o.title, o.name_fr) AS other_name, o.name_en AS other_name_en,
       CASE WHEN o:Actor THEN 'Actor' WHEN o:Project THEN 'Project' WHEN o:Concept THEN 'Concept' ELSE 'Other' END AS other_label,
       o.kind AS other_kind, o.scheme AS scheme, r.role AS role, coalesce(r.year, o.year) AS year, r.weight AS weight,
       r.sources AS sources, r.prov_files AS prov_files, r.prov_keys AS prov_keys, r.evidence AS evidence
ORDER BY rel, direction, other_id
