// name: explorer_link_count
// purpose: The number of relationships of the graph; with explorer_fingerprint, the key of the explorer's cached rows (kept alone so the store answers it from its counters).
// params: none
// returns: links
// example: carto query explorer_link_count
MATCH ()-[r]->()
RETURN count(r) AS links
