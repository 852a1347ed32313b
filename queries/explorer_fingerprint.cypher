// name: explorer_fingerprint
// purpose: A cheap summary of the graph's size (actors, relationships) that changes when a load adds data: the explorer keys its cached rows on it.
// params: none
// returns: actors, links
// example: carto query explorer_fingerprint
MATCH (a:Actor)
WITH count(a) AS actors
OPTIONAL MATCH ()-[r]->()
RETURN actors, count(r) AS links
