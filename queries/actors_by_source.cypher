// name: actors_by_source
// purpose: Number of actors each data source contributed (an actor merged from several sources counts once per source).
// params: none
// returns: source, actors
// example: carto query actors_by_source
MATCH (a:Actor)
UNWIND a.sources AS source
RETURN source, count(*) AS actors
ORDER BY source
