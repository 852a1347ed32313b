// name: gap_network_links
// purpose: The edges of the collaboration network stated directly (PARTNER_OF, and COLLABORATES_WITH that some source states), one row per actor pair (source id < target id). Collaborations derived from co-participation are left out: gap_network_coprojects reads the projects they come from, and counting both would double every weight. The plain list comparison drops the derived links before the list filter runs (most COLLABORATES_WITH links are derived), and the directed match reads each link once.
// params: none
// returns: source, target, weight
// example: carto query gap_network_links
MATCH (a:Actor)-[r:COLLABORATES_WITH|PARTNER_OF]->(b:Actor)
WHERE r.sources <> ['derived:co-participation'] AND a.id <> b.id
  AND size([s IN coalesce(r.sources, []) WHERE s <> 'derived:co-participation']) > 0
WITH CASE WHEN a.id < b.id THEN a.id ELSE b.id END AS source, CASE WHEN a.id < b.id THEN b.id ELSE a.id END AS target, r
RETURN source, target, toInteger(sum(coalesce(r.weight, 1))) AS weight
ORDER BY source, target
