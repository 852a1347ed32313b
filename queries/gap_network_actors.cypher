// name: gap_network_actors
// purpose: The nodes of the collaboration network: every actor with its name, its kind and whether it is a member of the cluster (MEMBER_OF $cluster).
// params: cluster: str = medicen
// returns: id, name, kind, member
// example: carto query gap_network_actors --param cluster=medicen
OPTIONAL MATCH (c:Actor {id: $cluster})
WITH c
MATCH (a:Actor)
OPTIONAL MATCH (a)-[m:MEMBER_OF]->(c)
RETURN a.id AS id, a.name AS name, coalesce(a.kind, 'unknown') AS kind, count(m) > 0 AS member
ORDER BY id
