// name: cluster_members
// purpose: Members of a cluster, network or consortium (MEMBER_OF), with their kind and number of projects.
// params: cluster_id: str = canceropole-ile-de-france
// returns: id, name, kind, projects
// example: carto query cluster_members --param cluster_id=task-force-e-sante
MATCH (m:Actor)-[:MEMBER_OF]->(:Actor {id: $cluster_id})
OPTIONAL MATCH (m)-[:PARTICIPATES_IN]->(p:Project)
RETURN m.id AS id, m.name AS name, m.kind AS kind, count(DISTINCT p) AS projects
ORDER BY id
