// name: actors_by_territory_kind
// purpose: Number of actors per département (from LOCATED_IN or the département property; 'unknown' when neither is known) and kind.
// params: kind: str = null
// returns: territory, kind, actors
// example: carto query actors_by_territory_kind --param kind=sme
MATCH (a:Actor)
WHERE $kind IS NULL OR a.kind = $kind
OPTIONAL MATCH (a)-[:LOCATED_IN]->(t:Territory)
WITH a, coalesce(min(t.id), CASE WHEN a.departement IS NULL THEN NULL ELSE 'ter-dep-' + a.departement END, 'unknown') AS territory
RETURN territory, a.kind AS kind, count(*) AS actors
ORDER BY territory, kind
