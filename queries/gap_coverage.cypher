// name: gap_coverage
// purpose: Coverage cells domain × axis × actor kind, rolled up through BROADER (an actor of a narrower concept counts for every broader one): actors, project participations and collaboration links per cell. '*' stands for every axis, every kind, and (as domain) every actor tagged with some domain. Filter with domain / axis / kind to read one cell.
// params: domain: str = null, axis: str = null, kind: str = null
// returns: domain, axis, kind, actors, participations, links, examples
// example: carto query gap_coverage --param domain=dom-cancer --param axis=* --param kind=sme
MATCH (a:Actor)-[:WORKS_ON]->(:Domain)-[:BROADER*0..]->(d:Domain)
WITH a, collect(DISTINCT d.id) AS domains
OPTIONAL MATCH (a)-[:CONTRIBUTES_TO]->(ax:Axis)
OPTIONAL MATCH (ax)-[:BROADER*0..]->(x:Axis)
WITH a, domains, collect(DISTINCT x.id) AS axes
OPTIONAL MATCH (a)-[:PARTICIPATES_IN]->(p:Project)
WITH a, domains, axes, count(DISTINCT p) AS participations
OPTIONAL MATCH (a)-[l:COLLABORATES_WITH|PARTNER_OF]-(:Actor)
WITH a, domains, axes, participations, count(l) AS links
ORDER BY participations + links DESC, a.id
UNWIND domains + ['*'] AS dom
UNWIND axes + ['*'] AS ax
UNWIND [coalesce(a.kind, 'unknown'), '*'] AS k
WITH dom, ax, k, a, participations, links
WHERE ($domain IS NULL OR dom = $domain) AND ($axis IS NULL OR ax = $axis) AND ($kind IS NULL OR k = $kind)
RETURN dom AS domain, ax AS axis, k AS kind, count(a) AS actors, toInteger(sum(participations)) AS participations,
       toInteger(sum(links)) AS links, collect(a.id)[0..3] AS examples
ORDER BY domain, axis, kind
