// name: actors_for_resolution
// purpose: Every actor's name, city, acronym and external identifiers: what a new load resolves its actors against.
// params: none
// returns: id, name, city, acronym, rnsr, siren, pic, finess, uai, ror, wikidata, names, aliases
// example: carto query actors_for_resolution
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, a.city AS city, a.acronym AS acronym, a.rnsr AS rnsr, a.siren AS siren,
       a.pic AS pic, a.finess AS finess, a.uai AS uai, a.ror AS ror, a.wikidata AS wikidata, a.names AS names, a.aliases AS aliases
ORDER BY id
