// name: missing_provenance
// purpose: Nodes and relationships without a source: every fact should say where it came from.
// params: none
// returns: what, label, id
// example: carto query missing_provenance
MATCH (n)
WHERE n.sources IS NULL OR size(n.sources) = 0
RETURN 'node' AS what, CASE WHEN n:Actor THEN 'Actor' WHEN n:Project THEN 'Project' ELSE coalesce(n.scheme, 'Source') END AS label, n.id AS id
UNION ALL
MATCH (a)-[r]->(b)
WHERE r.sources IS NULL OR size(r.sources) = 0
RETURN 'relationship' AS what, type(r) AS label, a.id + '->' + b.id AS id
