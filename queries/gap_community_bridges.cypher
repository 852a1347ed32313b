// name: gap_community_bridges
// purpose: Links of the collaboration network (COLLABORATES_WITH, PARTNER_OF, shared project) that leave a group of actors: the bridges of a community found by the gap report.
// params: members: list[str] = []
// returns: source, target
// example: carto query gap_community_bridges --param members=institut-curie,gustave-roussy
UNWIND $members AS mid
MATCH (a:Actor {id: mid})
OPTIONAL MATCH (a)-[:COLLABORATES_WITH|PARTNER_OF]-(b:Actor)
WHERE NOT b.id IN $members
WITH a, collect(DISTINCT b.id) AS direct
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(c:Actor)
WHERE NOT c.id IN $members
WITH a, direct, collect(DISTINCT c.id) AS shared
UNWIND direct + shared AS o
WITH DISTINCT a.id AS source, o AS target
RETURN source, target
ORDER BY source, target
