// name: rec_fact
// purpose: Whether one relationship (source)-[rel]->(target) is in the graph, with the target's year when it is a project: checks the facts a recommendation reason names.
// params: source: str = ap-hp, rel: str = MEMBER_OF, target: str = canceropole-ile-de-france
// returns: source, rel, target, year, facts
// example: carto query rec_fact --param source=institut-curie --param rel=PARTICIPATES_IN --param target=prj-phoenix
MATCH (a {id: $source})-[r]->(b {id: $target})
WHERE type(r) = $rel
RETURN a.id AS source, type(r) AS rel, b.id AS target, b.year AS year, count(r) AS facts
ORDER BY source, target
