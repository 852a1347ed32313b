// name: gap_network_links
// purpose: The edges of the collaboration network stated directly (PARTNER_OF, and COLLABORATES_WITH that some source states), one row per actor pair (source id < target id). Collaborations derived from co-participation are left out: gap_network_coprojects reads the projects they come from, and counting both would double every weight.
// params: none
// returns: source, target, weight
// example: carto query gap_network_links
MATCH (a:Actor)-[r:COLLABORATES_WITH|PARTNER_OF]-(b:Actor)
WHERE a.id < b.id AND size([s IN coalesce(r.sources, []) WHERE s <> 'derived:co-participation']) > 0
RETURN a.id AS source, b.id AS target, toInteger(sum(coalesce(r.weight, 1))) AS weight
ORDER BY source, target
