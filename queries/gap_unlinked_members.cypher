// name: gap_unlinked_members
// purpose: Members of the cluster (MEMBER_OF $cluster) with no link to another member: no COLLABORATES_WITH, no PARTNER_OF and no shared project with one.
// params: cluster: str = medicen
// returns: id, name, kind
// example: carto query gap_unlinked_members --param cluster=medicen
MATCH (a:Actor)-[:MEMBER_OF]->(:Actor {id: $cluster})
OPTIONAL MATCH (a)-[:COLLABORATES_WITH|PARTNER_OF]-(b:Actor)-[:MEMBER_OF]->(:Actor {id: $cluster})
WHERE b.id <> a.id
WITH a, count(b) AS direct
WHERE direct = 0
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(c:Actor)-[:MEMBER_OF]->(:Actor {id: $cluster})
WHERE c.id <> a.id
WITH a, count(c) AS shared
WHERE shared = 0
RETURN a.id AS id, a.name AS name, coalesce(a.kind, 'unknown') AS kind
ORDER BY id
