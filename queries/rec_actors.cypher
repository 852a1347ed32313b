// name: rec_actors
// purpose: Every actor with what the recommender scores and shows: kind, place, external ids (the candidate pool).
// params: top: int = 1000000
// returns: id, name, kind, departement, city, region, country, rnsr, siren, pic, finess, ror
// example: carto query rec_actors --param top=20
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.departement AS departement, a.city AS city,
       a.region AS region, a.country AS country, a.rnsr AS rnsr, a.siren AS siren, a.pic AS pic,
       a.finess AS finess, a.ror AS ror
ORDER BY id
LIMIT $top
