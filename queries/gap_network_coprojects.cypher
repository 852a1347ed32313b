// name: gap_network_coprojects
// purpose: The edges of the collaboration network that come from shared projects: actor pairs (source id < target id) and the number of projects they share.
// params: none
// returns: source, target, weight
// example: carto query gap_network_coprojects
MATCH (a:Actor)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(b:Actor)
WHERE a.id < b.id
RETURN a.id AS source, b.id AS target, count(DISTINCT p) AS weight
ORDER BY source, target
