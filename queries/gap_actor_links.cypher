// name: gap_actor_links
// purpose: The neighbours of one actor in the collaboration network (COLLABORATES_WITH, PARTNER_OF or a shared project): who it connects, when it is a broker.
// params: actor: str = medicen
// returns: id, name, kind
// example: carto query gap_actor_links --param actor=institut-pasteur
MATCH (a:Actor {id: $actor})
OPTIONAL MATCH (a)-[:COLLABORATES_WITH|PARTNER_OF]-(b:Actor)
WHERE b.id <> a.id
WITH a, collect(DISTINCT b) AS direct
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(c:Actor)
WHERE c.id <> a.id
WITH direct, collect(DISTINCT c) AS shared
UNWIND direct + shared AS b
WITH DISTINCT b
RETURN b.id AS id, b.name AS name, coalesce(b.kind, 'unknown') AS kind
ORDER BY id
