// name: explorer_actor
// purpose: Every property of one actor (identifiers, place, provenance lists) for the explorer's actor page.
// params: actor_id: str = medicen
// returns: props
// example: carto query explorer_actor --param actor_id=institut-curie
MATCH (a:Actor {id: $actor_id})
RETURN properties(a) AS props
