// name: actors_in_domain
// purpose: Actors working on a domain or any narrower one, optionally of one kind and in one département.
// params: domain: str = dom-cancer, kind: str = null, departement: str = null, top: int = 200
// returns: id, name, kind, departement, via
// example: carto query actors_in_domain --param domain=dom-neuro --param departement=91
MATCH (d:Domain {id: $domain})<-[:BROADER*0..]-(sub:Domain)<-[:WORKS_ON]-(a:Actor)
WHERE ($kind IS NULL OR a.kind = $kind) AND ($departement IS NULL OR a.departement = $departement)
WITH a, sub ORDER BY a.id, sub.id
WITH a, collect(DISTINCT sub.id) AS via
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.departement AS departement, via
ORDER BY name, id
LIMIT $top
