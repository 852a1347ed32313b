// name: actors_summary
// purpose: Every actor with its kind, département and the domains and axes it is tagged with: the table behind the explorer's filters.
// params: top: int = 100000
// returns: id, name, kind, departement, city, domains, axes, sources
// example: carto query actors_summary --param top=20
MATCH (a:Actor)
OPTIONAL MATCH (a)-[:WORKS_ON]->(d:Domain)
WITH a, d ORDER BY a.id, d.id
WITH a, collect(DISTINCT d.id) AS domains
OPTIONAL MATCH (a)-[:CONTRIBUTES_TO]->(x:Axis)
WITH a, domains, x ORDER BY a.id, x.id
WITH a, domains, collect(DISTINCT x.id) AS axes
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.departement AS departement, a.city AS city,
       domains, axes, a.sources AS sources
ORDER BY id
LIMIT $top
