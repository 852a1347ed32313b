// name: gap_actor_domains
// purpose: The domains each actor works on, rolled up through BROADER (an actor of a narrower domain counts for the broader ones), sorted.
// params: none
// returns: id, domains
// example: carto query gap_actor_domains
MATCH (a:Actor)-[:WORKS_ON]->(:Domain)-[:BROADER*0..]->(d:Domain)
WITH DISTINCT a.id AS id, d.id AS domain
ORDER BY id, domain
RETURN id, collect(domain) AS domains
ORDER BY id
