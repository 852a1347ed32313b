// name: rec_participations
// purpose: Every actor-project participation with its year (the relationship's, else the project's) and role: the co-participation graph the recommender walks.
// params: top: int = 5000000
// returns: actor, project, year, role
// example: carto query rec_participations --param top=20
MATCH (a:Actor)-[r:PARTICIPATES_IN]->(p:Project)
RETURN a.id AS actor, p.id AS project, coalesce(r.year, p.year) AS year, r.role AS role
ORDER BY project, actor
LIMIT $top
