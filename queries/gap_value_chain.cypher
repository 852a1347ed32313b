// name: gap_value_chain
// purpose: Actors per domain (rolled up through BROADER) and actor kind, the most active first in examples; the kinds map to value-chain stages (research, clinical, industry, support) through carto:valueChainStage in ecosystem.ttl.
// params: domain: str = null
// returns: domain, kind, actors, examples
// example: carto query gap_value_chain --param domain=dom-cancer
MATCH (a:Actor)-[:WORKS_ON]->(:Domain)
WITH DISTINCT a
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(p:Project)
WITH a, count(p) AS activity
MATCH (a)-[:WORKS_ON]->(:Domain)-[:BROADER*0..]->(d:Domain)
WHERE $domain IS NULL OR d.id = $domain
WITH DISTINCT d, a, activity
ORDER BY activity DESC, a.id
RETURN d.id AS domain, coalesce(a.kind, 'unknown') AS kind, count(a) AS actors, collect(a.id)[0..3] AS examples
ORDER BY domain, kind
