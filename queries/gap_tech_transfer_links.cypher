// name: gap_tech_transfer_links
// purpose: Per domain (rolled up through BROADER): distinct partners of its actors by the actor's kind and the partner's kind, a partner being linked by COLLABORATES_WITH, PARTNER_OF or a shared project; academic × company pairs are the academic–industry collaborations.
// params: domain: str = null
// returns: domain, kind, partner_kind, links
// example: carto query gap_tech_transfer_links --param domain=dom-cancer
MATCH (a:Actor)-[:WORKS_ON]->(:Domain)
WITH DISTINCT a
OPTIONAL MATCH (a)-[:COLLABORATES_WITH|PARTNER_OF]-(b:Actor)
WHERE b.id <> a.id
WITH a, collect(DISTINCT b) AS direct
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(c:Actor)
WHERE c.id <> a.id
WITH a, direct, collect(DISTINCT c) AS shared
UNWIND direct + shared AS b
WITH DISTINCT a, b
WITH a, coalesce(b.kind, 'unknown') AS partner_kind, count(*) AS partners
MATCH (a)-[:WORKS_ON]->(:Domain)-[:BROADER*0..]->(d:Domain)
WHERE $domain IS NULL OR d.id = $domain
WITH DISTINCT d, a, partner_kind, partners
RETURN d.id AS domain, coalesce(a.kind, 'unknown') AS kind, partner_kind, toInteger(sum(partners)) AS links
ORDER BY domain, kind, partner_kind
