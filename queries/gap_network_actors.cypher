// name: gap_network_actors
// purpose: The nodes of the collaboration network: every actor with its name, whether it is a member of the cluster (MEMBER_OF $cluster) and the domains it works on, rolled up through BROADER.
// params: cluster: str = medicen
// returns: id, name, member, domains
// example: carto query gap_network_actors --param cluster=medicen
MATCH (a:Actor)
OPTIONAL MATCH (a)-[m:MEMBER_OF]->(:Actor {id: $cluster})
WITH a, count(m) > 0 AS member
OPTIONAL MATCH (a)-[:WORKS_ON]->(:Domain)-[:BROADER*0..]->(d:Domain)
WITH DISTINCT a, member, d.id AS domain
ORDER BY domain
WITH a, member, collect(domain) AS domains
RETURN a.id AS id, a.name AS name, member, domains
ORDER BY id
