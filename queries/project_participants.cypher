// name: project_participants
// purpose: The participants of a project with their kind and role, and the domains the project addresses.
// params: project_id: str = prj-phoenix
// returns: project, id, name, kind, role
// example: carto query project_participants --param project_id=prj-mihd
MATCH (p:Project {id: $project_id})<-[r:PARTICIPATES_IN]-(a:Actor)
RETURN p.id AS project, a.id AS id, a.name AS name, a.kind AS kind, r.role AS role
ORDER BY id, role
