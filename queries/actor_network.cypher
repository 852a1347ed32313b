// name: actor_network
// purpose: Actor-to-actor links (collaboration, membership, partnership, supervision, hosting, spin-off, part-of) for the network view.
// params: top: int = 5000
// returns: source, target, type, weight
// example: carto query actor_network --param top=500
MATCH (a:Actor)-[r]->(b:Actor)
RETURN a.id AS source, b.id AS target, type(r) AS type, coalesce(r.weight, 1) AS weight
ORDER BY source, target, type
LIMIT $top
