// name: actor_projects
// purpose: The projects an actor takes part in, with its role, the year and the number of other participants.
// params: actor_id: str = medicen, top: int = 500
// returns: id, acronym, title, programme, year, role, others
// example: carto query actor_projects --param actor_id=institut-pasteur
MATCH (a:Actor {id: $actor_id})-[r:PARTICIPATES_IN]->(p:Project)
OPTIONAL MATCH (p)<-[:PARTICIPATES_IN]-(o:Actor)
WHERE o <> a
RETURN p.id AS id, p.acronym AS acronym, p.title AS title, p.programme AS programme, p.year AS year,
       r.role AS role, count(DISTINCT o) AS others
ORDER BY id
LIMIT $top
