// name: most_connected_actors
// purpose: Actors with the most distinct partners (direct actor-to-actor links or shared projects): the hubs of the ecosystem.
// params: kind: str = null, top: int = 25
// returns: id, name, kind, partners, projects
// example: carto query most_connected_actors --param kind=academic_lab --param top=10
MATCH (a:Actor)
WHERE $kind IS NULL OR a.kind = $kind
OPTIONAL MATCH (a)-[:COLLABORATES_WITH|PARTNER_OF|MEMBER_OF|SUPERVISED_BY|PART_OF|SPUN_OFF_FROM|HOSTED_BY]-(d:Actor)
WITH a, collect(DISTINCT d.id) AS direct
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(p:Project)
OPTIONAL MATCH (p)<-[:PARTICIPATES_IN]-(c:Actor)
WHERE c <> a
WITH a, direct, count(DISTINCT p) AS projects, collect(DISTINCT c.id) AS coparticipants
WITH a, projects, [x IN direct WHERE NOT x IN coparticipants] + coparticipants AS partners
RETURN a.id AS id, a.name AS name, a.kind AS kind, size(partners) AS partners, projects
ORDER BY partners DESC, projects DESC, id
LIMIT $top
