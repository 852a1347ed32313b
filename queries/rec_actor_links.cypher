// name: rec_actor_links
// purpose: Organisational links between actors (supervision, membership, part-of, hosting, spin-off, partnership) used as proximity and as reasons.
// params: top: int = 5000000
// returns: source, rel, target
// example: carto query rec_actor_links --param top=20
MATCH (a:Actor)-[r]->(b:Actor)
WHERE type(r) IN ['SUPERVISED_BY', 'MEMBER_OF', 'PART_OF', 'HOSTED_BY', 'SPUN_OFF_FROM', 'PARTNER_OF']
RETURN a.id AS source, type(r) AS rel, b.id AS target
ORDER BY source, rel, target
LIMIT $top
