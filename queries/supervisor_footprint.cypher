// name: supervisor_footprint
// purpose: The footprint of a supervising body (CNRS, Inserm, CEA, a university…): the labs and units it supervises or that are part of it, up to three levels down, with their domains and projects.
// params: supervisor_id: str = cea, top: int = 500
// returns: id, name, kind, depth, domains, projects
// example: carto query supervisor_footprint --param supervisor_id=inserm
MATCH p = (u:Actor)-[:SUPERVISED_BY|PART_OF*1..3]->(:Actor {id: $supervisor_id})
WITH u, min(length(p)) AS depth
OPTIONAL MATCH (u)-[:WORKS_ON]->(d:Domain)
WITH u, depth, d
ORDER BY d.id
WITH u, depth, collect(DISTINCT d.id) AS domains
OPTIONAL MATCH (u)-[:PARTICIPATES_IN]->(pr:Project)
WITH u, depth, domains, pr
ORDER BY pr.id
WITH u, depth, domains, collect(DISTINCT pr.id) AS projects
RETURN u.id AS id, u.name AS name, u.kind AS kind, depth, domains, projects
ORDER BY depth, id
LIMIT $top
