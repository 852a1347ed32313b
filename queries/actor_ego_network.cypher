// name: actor_ego_network
// purpose: The ego-network of an actor: every actor one step away, through a direct actor-to-actor link or a shared project, with each tie that joins them.
// params: actor_id: str = ap-hp, top: int = 200
// returns: id, name, kind, ties, via
// example: carto query actor_ego_network --param actor_id=institut-curie --param top=50
MATCH (ego:Actor {id: $actor_id})-[r:COLLABORATES_WITH|PARTNER_OF|MEMBER_OF|SUPERVISED_BY|PART_OF|SPUN_OFF_FROM|HOSTED_BY|PARTICIPATES_IN]-(x)
OPTIONAL MATCH (x)<-[:PARTICIPATES_IN]-(co:Actor)
WHERE x:Project AND co <> ego
WITH ego, r, x, co
WITH ego, CASE WHEN x:Actor THEN x ELSE co END AS other,
     CASE WHEN x:Actor THEN type(r) ELSE 'PROJECT ' + x.id END AS via
WHERE other IS NOT NULL AND other <> ego
WITH other, via
ORDER BY via
WITH other, collect(DISTINCT via) AS via
RETURN other.id AS id, other.name AS name, other.kind AS kind, size(via) AS ties, via
ORDER BY ties DESC, id
LIMIT $top
