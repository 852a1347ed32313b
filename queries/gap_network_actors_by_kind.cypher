// name: gap_network_actors_by_kind
// purpose: The nodes of the collaboration network in compact form, one row per actor kind: the ids of its actors and their names (the id when unnamed), in id order. Same actors as gap_network_actors, fewer values to ship.
// params: none
// returns: kind, ids, names
// example: carto query gap_network_actors_by_kind
MATCH (a:Actor)
WITH a
ORDER BY a.id
RETURN coalesce(a.kind, 'unknown') AS kind, collect(a.id) AS ids, collect(coalesce(a.name, a.id)) AS names
ORDER BY kind
