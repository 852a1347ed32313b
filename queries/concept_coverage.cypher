// name: concept_coverage
// purpose: For each concept of a scheme (Sector, Market, Technology, Axis, Domain, Territory), the actors tagged with it or a narrower concept and the projects addressing it.
// params: scheme: str = Sector
// returns: id, name_fr, name_en, actors, projects
// example: carto query concept_coverage --param scheme=Technology
MATCH (c:Concept {scheme: $scheme})
OPTIONAL MATCH (c)<-[:BROADER*0..]-(sub:Concept)
WITH c, collect(DISTINCT sub) AS subs
UNWIND subs AS s
OPTIONAL MATCH (s)<-[:WORKS_ON|CONTRIBUTES_TO|IN_SECTOR|TARGETS_MARKET|USES_TECHNOLOGY|LOCATED_IN]-(a:Actor)
OPTIONAL MATCH (s)<-[:ADDRESSES]-(p:Project)
WITH c, count(DISTINCT a) AS actors, count(DISTINCT p) AS projects
RETURN c.id AS id, c.name_fr AS name_fr, c.name_en AS name_en, actors, projects
ORDER BY actors DESC, projects DESC, id
