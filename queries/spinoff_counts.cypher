// name: spinoff_counts
// purpose: Labs and organisations ranked by the number of start-ups spun off from them.
// params: top: int = 50
// returns: id, name, kind, spinoffs
// example: carto query spinoff_counts --param top=10
MATCH (s:Actor)-[:SPUN_OFF_FROM]->(lab:Actor)
RETURN lab.id AS id, lab.name AS name, lab.kind AS kind, count(DISTINCT s) AS spinoffs
ORDER BY spinoffs DESC, id
LIMIT $top
