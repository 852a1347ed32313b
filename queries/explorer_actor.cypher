// name: explorer_actor
// purpose: One actor's descriptive properties, external identifiers and provenance lists, for the explorer's actor page.
// params: actor_id: str = medicen
// returns: id, name, kind, acronym, city, departement, postcode, country, lat, lon, rnsr, siren, siret, pic, finess, ror, uai, wikidata, sources, prov_files, prov_keys, evidence
// example: carto query explorer_actor --param actor_id=institut-curie
MATCH (a:Actor {id: $actor_id})
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.acronym AS acronym, a.city AS city, a.departement AS departement,
       coalesce(a.postcode, a.postal_code) AS postcode, a.country AS country,
       coalesce(a.lat, a.latitude) AS lat, coalesce(a.lon, a.longitude) AS lon,
       a.rnsr AS rnsr, a.siren AS siren, a.siret AS siret, a.pic AS pic, a.finess AS finess, a.ror AS ror, a.uai AS uai,
       a.wikidata AS wikidata, a.sources AS sources, a.prov_files AS prov_files, a.prov_keys AS prov_keys, a.evidence AS evidence
