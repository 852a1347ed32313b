// name: explorer_fingerprint
// purpose: A cheap summary of the graph's state (actors, relationships, latest first load) that changes when a load adds data: the explorer keys its cached rows on it.
// params: none
// returns: actors, last_loaded, links
// example: carto query explorer_fingerprint
MATCH (a:Actor)
WITH count(a) AS actors, max(a.first_loaded_at) AS last_loaded
OPTIONAL MATCH ()-[r]->()
RETURN actors, last_loaded, count(r) AS links
