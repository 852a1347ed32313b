// name: gap_trends
// purpose: Per domain (rolled up through BROADER, via the projects' ADDRESSES links) and year: projects, and those with at least one participant of the region (LOCATED_IN $region or a narrower territory).
// params: region: str = ter-idf, domain: str = null
// returns: domain, year, projects, regional_projects
// example: carto query gap_trends --param domain=dom-cancer
MATCH (p:Project)-[:ADDRESSES]->(:Domain)-[:BROADER*0..]->(d:Domain)
WHERE p.year IS NOT NULL AND ($domain IS NULL OR d.id = $domain)
WITH DISTINCT d, p
OPTIONAL MATCH (p)<-[:PARTICIPATES_IN]-(a:Actor)-[:LOCATED_IN]->(:Territory)-[:BROADER*0..]->(:Territory {id: $region})
WITH d, p, count(a) AS regional
RETURN d.id AS domain, p.year AS year, count(p) AS projects,
       sum(CASE WHEN regional > 0 THEN 1 ELSE 0 END) AS regional_projects
ORDER BY domain, year
