// name: members_without_links
// purpose: Members of a cluster or network that have no project and no collaboration or partnership with any other actor: members to reach out to.
// params: cluster_id: str = canceropole-ile-de-france
// returns: id, name, kind
// example: carto query members_without_links --param cluster_id=task-force-e-sante
MATCH (m:Actor)-[:MEMBER_OF]->(:Actor {id: $cluster_id})
OPTIONAL MATCH (m)-[t:PARTICIPATES_IN|COLLABORATES_WITH|PARTNER_OF]-()
WITH m, count(t) AS ties
WHERE ties = 0
RETURN m.id AS id, m.name AS name, m.kind AS kind
ORDER BY id
