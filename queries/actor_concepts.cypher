// name: actor_concepts
// purpose: Every concept an actor is tagged with (domains, axes, sectors, markets, technologies, territories) and the evidence behind each tag.
// params: actor_id: str = medicen
// returns: scheme, id, name_fr, rel, evidence
// example: carto query actor_concepts --param actor_id=institut-curie
MATCH (a:Actor {id: $actor_id})-[r:WORKS_ON|CONTRIBUTES_TO|IN_SECTOR|TARGETS_MARKET|USES_TECHNOLOGY|LOCATED_IN]->(c:Concept)
RETURN c.scheme AS scheme, c.id AS id, c.name_fr AS name_fr, type(r) AS rel, r.evidence AS evidence
ORDER BY scheme, id
