// name: gap_prospects
// purpose: Actors of the region (LOCATED_IN $region or a narrower territory) working on a priority domain (carto:strategicPriority <= $max_priority, reached through BROADER), each with whether it is a member of the cluster: the non-members are prospects.
// params: cluster: str = medicen, region: str = ter-idf, max_priority: int = 1, domain: str = null
// returns: domain, id, name, kind, member, participations, links
// example: carto query gap_prospects --param domain=dom-cancer
MATCH (:Territory {id: $region})<-[:BROADER*0..]-(:Territory)<-[:LOCATED_IN]-(a:Actor)
WHERE a.id <> $cluster
WITH DISTINCT a
MATCH (a)-[:WORKS_ON]->(:Domain)-[:BROADER*0..]->(d:Domain)
WHERE d.priority IS NOT NULL AND d.priority <= $max_priority AND ($domain IS NULL OR d.id = $domain)
WITH DISTINCT d, a
OPTIONAL MATCH (a)-[m:MEMBER_OF]->(:Actor {id: $cluster})
WITH d, a, count(m) > 0 AS member
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(p:Project)
WITH d, a, member, count(DISTINCT p) AS participations
OPTIONAL MATCH (a)-[l:COLLABORATES_WITH|PARTNER_OF]-(:Actor)
RETURN d.id AS domain, a.id AS id, a.name AS name, coalesce(a.kind, 'unknown') AS kind, member, participations,
       count(l) AS links
ORDER BY domain, id
