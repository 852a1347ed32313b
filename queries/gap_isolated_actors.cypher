// name: gap_isolated_actors
// purpose: Actors with no link in the collaboration network (no COLLABORATES_WITH, no PARTNER_OF, no project shared with another actor), optionally only those working on a domain or a narrower one.
// params: domain: str = null
// returns: id, name, kind
// example: carto query gap_isolated_actors --param domain=dom-cancer
MATCH (a:Actor)
OPTIONAL MATCH (a)-[:COLLABORATES_WITH|PARTNER_OF]-(b:Actor)
WHERE b.id <> a.id
WITH a, count(b) AS direct
WHERE direct = 0
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(c:Actor)
WHERE c.id <> a.id
WITH a, count(c) AS shared
WHERE shared = 0
OPTIONAL MATCH (a)-[:WORKS_ON]->(:Domain)-[:BROADER*0..]->(d:Domain {id: $domain})
WITH a, count(d) AS in_domain
WHERE $domain IS NULL OR in_domain > 0
RETURN a.id AS id, a.name AS name, coalesce(a.kind, 'unknown') AS kind
ORDER BY id
