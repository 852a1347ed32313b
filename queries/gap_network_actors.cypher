// name: gap_network_actors
// purpose: The nodes of the collaboration network: every actor with its name and its kind (membership of the cluster comes from gap_cluster_members).
// params: none
// returns: id, name, kind
// example: carto query gap_network_actors
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, coalesce(a.kind, 'unknown') AS kind
ORDER BY id
