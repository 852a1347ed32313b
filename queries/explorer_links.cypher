// name: explorer_links
// purpose: Every actor-to-actor relationship (collaboration, partnership, membership, supervision, hosting, spin-off, part-of) with its weight and years, for the explorer's network view.
// params: top: int = 1000000
// returns: source, target, type, weight, first_year, last_year
// example: carto query explorer_links --param top=100
MATCH (a:Actor)-[r]->(b:Actor)
RETURN a.id AS source, b.id AS target, type(r) AS type, coalesce(r.weight, 1) AS weight,
       coalesce(r.first_year, r.year) AS first_year, coalesce(r.last_year, r.year) AS last_year
ORDER BY source, target, type
LIMIT $top
