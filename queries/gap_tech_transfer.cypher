// name: gap_tech_transfer
// purpose: Per domain (rolled up through BROADER) and actor kind: actors, their project participations and the spin-offs (SPUN_OFF_FROM) that came out of them; academic kinds against company kinds measure technology transfer.
// params: domain: str = null
// returns: domain, kind, actors, participations, spinoffs, examples
// example: carto query gap_tech_transfer --param domain=dom-neuro
MATCH (a:Actor)-[:WORKS_ON]->(:Domain)
WITH DISTINCT a
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(p:Project)
WITH a, count(DISTINCT p) AS participations
OPTIONAL MATCH (s:Actor)-[:SPUN_OFF_FROM]->(a)
WITH a, participations, count(DISTINCT s) AS spinoffs
MATCH (a)-[:WORKS_ON]->(:Domain)-[:BROADER*0..]->(d:Domain)
WHERE $domain IS NULL OR d.id = $domain
WITH DISTINCT d, a, participations, spinoffs
ORDER BY participations DESC, a.id
RETURN d.id AS domain, coalesce(a.kind, 'unknown') AS kind, count(a) AS actors, toInteger(sum(participations)) AS participations,
       toInteger(sum(spinoffs)) AS spinoffs, collect(a.id)[0..3] AS examples
ORDER BY domain, kind
