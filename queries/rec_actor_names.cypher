// name: rec_actor_names
// purpose: Every actor's names (its name and every name a record of it was loaded under) with what breaks a tie between namesakes: its registry ids and its track record.
// params: none
// returns: id, name, names, rnsr, siren, pic, finess, ror, uai, projects
// example: carto query rec_actor_names
MATCH (a:Actor)
OPTIONAL MATCH (a)-[r:PARTICIPATES_IN]->()
WITH a, count(r) AS projects
RETURN a.id AS id, a.name AS name, a.names AS names, a.rnsr AS rnsr, a.siren AS siren, a.pic AS pic,
       a.finess AS finess, a.ror AS ror, a.uai AS uai, projects
ORDER BY id
