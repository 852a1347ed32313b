// name: actors_by_domain
// purpose: Number of actors per therapeutic domain, each domain counting the actors of its narrower domains too (roll-up through BROADER).
// params: none
// returns: domain, name_fr, name_en, actors
// example: carto query actors_by_domain
MATCH (d:Domain)
OPTIONAL MATCH (d)<-[:BROADER*0..]-(:Domain)<-[:WORKS_ON]-(a:Actor)
WITH d, count(DISTINCT a) AS actors
RETURN d.id AS domain, d.name_fr AS name_fr, d.name_en AS name_en, actors
ORDER BY actors DESC, domain
