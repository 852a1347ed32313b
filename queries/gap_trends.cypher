// name: gap_trends
// purpose: Per domain (rolled up through BROADER, via the projects' ADDRESSES links) and year: projects, and those with at least one participant of the region (LOCATED_IN $region or a narrower territory).
// params: region: str = ter-idf, domain: str = null
// returns: domain, year, projects, regional_projects
// example: carto query gap_trends --param domain=dom-cancer
OPTIONAL MATCH (:Territory {id: $region})<-[:BROADER*0..]-(t:Territory)
WITH collect(t.id) AS region_ids
MATCH (p:Project)-[:ADDRESSES]->(:Domain)-[:BROADER*0..]->(d:Domain)
WHERE p.year IS NOT NULL AND ($domain IS NULL OR d.id = $domain)
WITH DISTINCT region_ids, d, p
OPTIONAL MATCH (p)<-[:PARTICIPATES_IN]-(:Actor)-[:LOCATED_IN]->(t:Territory)
WITH d, p, sum(CASE WHEN t.id IN region_ids THEN 1 ELSE 0 END) AS regional
RETURN d.id AS domain, p.year AS year, count(p) AS projects,
       toInteger(sum(CASE WHEN regional > 0 THEN 1 ELSE 0 END)) AS regional_projects
ORDER BY domain, year
