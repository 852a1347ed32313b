// name: domain_cooccurrence
// purpose: Pairs of therapeutic domains worked on by the same actors: where domains meet (direct WORKS_ON tags, each pair once).
// params: min_actors: int = 1, top: int = 100
// returns: domain_a, domain_b, actors
// example: carto query domain_cooccurrence --param min_actors=2
MATCH (d1:Domain)<-[:WORKS_ON]-(a:Actor)-[:WORKS_ON]->(d2:Domain)
WHERE d1.id < d2.id
WITH d1, d2, count(DISTINCT a) AS actors
WHERE actors >= $min_actors
RETURN d1.id AS domain_a, d2.id AS domain_b, actors
ORDER BY actors DESC, domain_a, domain_b
LIMIT $top
