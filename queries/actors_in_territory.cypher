// name: actors_in_territory
// purpose: Actors located in a territory or any territory inside it (roll-up through BROADER), optionally of one kind.
// params: territory: str = ter-idf, kind: str = null, top: int = 500
// returns: id, name, kind, territory
// example: carto query actors_in_territory --param territory=ter-dep-75 --param kind=public_body
MATCH (:Territory {id: $territory})<-[:BROADER*0..]-(t:Territory)<-[:LOCATED_IN]-(a:Actor)
WHERE $kind IS NULL OR a.kind = $kind
RETURN DISTINCT a.id AS id, a.name AS name, a.kind AS kind, t.id AS territory
ORDER BY id, territory
LIMIT $top
