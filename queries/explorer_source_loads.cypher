// name: explorer_source_loads
// purpose: For each data source, how many actors it contributed and the day its most recently added actor was loaded (the overview's "last load" column).
// params: none
// returns: source, actors, last_loaded
// example: carto query explorer_source_loads
MATCH (a:Actor)
UNWIND a.sources AS source
RETURN source, count(*) AS actors, substring(max(coalesce(a.last_loaded_at, a.first_loaded_at)), 0, 10) AS last_loaded
ORDER BY source
