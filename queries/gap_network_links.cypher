// name: gap_network_links
// purpose: The edges of the collaboration network stated directly (COLLABORATES_WITH, PARTNER_OF), one row per actor pair (source id < target id).
// params: none
// returns: source, target, weight
// example: carto query gap_network_links
MATCH (a:Actor)-[r:COLLABORATES_WITH|PARTNER_OF]-(b:Actor)
WHERE a.id < b.id
RETURN a.id AS source, b.id AS target, toInteger(sum(coalesce(r.weight, 1))) AS weight
ORDER BY source, target
