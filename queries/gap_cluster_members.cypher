// name: gap_cluster_members
// purpose: The members of the cluster: actors with MEMBER_OF $cluster (from the seed and from member lists loaded with csv --mapping).
// params: cluster: str = medicen
// returns: id
// example: carto query gap_cluster_members --param cluster=medicen
MATCH (a:Actor)-[:MEMBER_OF]->(:Actor {id: $cluster})
RETURN DISTINCT a.id AS id
ORDER BY id
