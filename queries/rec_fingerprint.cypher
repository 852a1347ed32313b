// name: rec_fingerprint
// purpose: Counts that change whenever the recommender's inputs change (actors, projects, participations): tells a cached index it is stale.
// params: none
// returns: actors, projects, participations
// example: carto query rec_fingerprint
MATCH (a:Actor)
WITH count(a) AS actors
MATCH (p:Project)
WITH actors, count(p) AS projects
MATCH ()-[r:PARTICIPATES_IN]->()
RETURN actors, projects, count(r) AS participations
