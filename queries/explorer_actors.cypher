// name: explorer_actors
// purpose: Every actor with the attributes the explorer filters, maps and colours by: kind, place, coordinates, sources, domains, axes, filières, clusters it is a member of and the span of its project years.
// params: top: int = 200000
// returns: id, name, kind, departement, city, postcode, lat, lon, sources, domains, axes, sectors, clusters, first_year, last_year
// example: carto query explorer_actors --param top=20
MATCH (a:Actor)
OPTIONAL MATCH (a)-[:WORKS_ON]->(d:Domain)
WITH a, d ORDER BY d.id
WITH a, collect(DISTINCT d.id) AS domains
OPTIONAL MATCH (a)-[:CONTRIBUTES_TO]->(x:Axis)
WITH a, domains, x ORDER BY x.id
WITH a, domains, collect(DISTINCT x.id) AS axes
OPTIONAL MATCH (a)-[:IN_SECTOR]->(s:Sector)
WITH a, domains, axes, s ORDER BY s.id
WITH a, domains, axes, collect(DISTINCT s.id) AS sectors
OPTIONAL MATCH (a)-[:MEMBER_OF]->(c:Actor)
WITH a, domains, axes, sectors, c ORDER BY c.id
WITH a, domains, axes, sectors, collect(DISTINCT c.id) AS clusters
OPTIONAL MATCH (a)-[pi:PARTICIPATES_IN]->(p:Project)
WITH a, domains, axes, sectors, clusters, min(coalesce(pi.year, p.year)) AS first_year, max(coalesce(pi.year, p.year)) AS last_year
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.departement AS departement, a.city AS city,
       coalesce(a.postcode, a.postal_code) AS postcode, coalesce(a.lat, a.latitude) AS lat, coalesce(a.lon, a.longitude) AS lon,
       a.sources AS sources, domains, axes, sectors, clusters, first_year, last_year
ORDER BY id
LIMIT $top
