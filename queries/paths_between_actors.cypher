// name: paths_between_actors
// purpose: The shortest chains (up to four steps) joining two actors through actor-to-actor links and shared projects: who could introduce whom.
// params: from_id: str = ap-hp, to_id: str = institut-pasteur, top: int = 10
// returns: hops, nodes, relationships, key
// example: carto query paths_between_actors --param from_id=institut-curie --param to_id=medicen
MATCH p = (a:Actor {id: $from_id})-[:COLLABORATES_WITH|PARTNER_OF|MEMBER_OF|SUPERVISED_BY|PART_OF|SPUN_OFF_FROM|HOSTED_BY|PARTICIPATES_IN*1..4]-(b:Actor {id: $to_id})
WITH p, length(p) AS hops, [n IN nodes(p) | n.id] AS nodes, [r IN relationships(p) | type(r)] AS relationships
WITH hops, nodes, relationships, reduce(s = '', x IN nodes | s + '/' + x) + reduce(s = '', t IN relationships | s + '/' + t) AS key
WITH min(hops) AS best, collect({hops: hops, nodes: nodes, relationships: relationships, key: key}) AS found
UNWIND found AS f
WITH f WHERE f.hops = best
RETURN DISTINCT f.hops AS hops, f.nodes AS nodes, f.relationships AS relationships, f.key AS key
ORDER BY hops, key
LIMIT $top
