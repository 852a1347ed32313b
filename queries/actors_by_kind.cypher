// name: actors_by_kind
// purpose: Number of actors of each kind (SME, lab, hospital, cluster…).
// params: none
// returns: kind, actors
// example: carto query actors_by_kind
MATCH (a:Actor)
RETURN a.kind AS kind, count(*) AS actors
ORDER BY actors DESC, kind
