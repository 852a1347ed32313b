// name: explorer_source_loads
// purpose: For each data source, how many actors it contributed and when its most recent actor was loaded (the overview's "last load" column).
// params: none
// returns: source, actors, last_loaded
// example: carto query explorer_source_loads
MATCH (a:Actor)
UNWIND a.sources AS source
RETURN source, count(*) AS actors, max(coalesce(a.last_loaded_at, a.first_loaded_at)) AS last_loaded
ORDER BY source
