// name: top_collaborators
// purpose: An actor's strongest collaborators: actors sharing the most projects with it, with the COLLABORATES_WITH weight when one is recorded.
// params: actor_id: str = medicen, top: int = 20
// returns: id, name, kind, shared_projects, weight, projects
// example: carto query top_collaborators --param actor_id=institut-pasteur --param top=10
MATCH (a:Actor {id: $actor_id})-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(b:Actor)
WHERE b <> a
WITH a, b, p
ORDER BY p.id
WITH a, b, collect(DISTINCT p.id) AS projects
OPTIONAL MATCH (a)-[c:COLLABORATES_WITH]-(b)
RETURN b.id AS id, b.name AS name, b.kind AS kind, size(projects) AS shared_projects,
       coalesce(max(c.weight), 0) AS weight, projects
ORDER BY shared_projects DESC, weight DESC, id
LIMIT $top
