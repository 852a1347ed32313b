// name: rec_actor_xrefs
// purpose: Resolve prefixed external ids (rnsr:, siren:, siret:, pic:, finess:, ror:, uai:, wikidata:) to actors.
// params: refs: list[str] = rnsr:200112491C
// returns: ref, id, name, matched_by
// example: carto query rec_actor_xrefs --param refs=siren:180092025
UNWIND $refs AS ref
WITH ref, toLower(split(ref, ':')[0]) AS prefix
WITH ref, prefix, substring(ref, size(prefix) + 1) AS value
MATCH (a:Actor)
WHERE (prefix = 'rnsr' AND toUpper(a.rnsr) = toUpper(value))
   OR (prefix = 'siren' AND a.siren = value)
   OR (prefix = 'siret' AND a.siret = value)
   OR (prefix = 'pic' AND a.pic = value)
   OR (prefix = 'finess' AND a.finess = value)
   OR (prefix = 'ror' AND a.ror = value)
   OR (prefix = 'uai' AND toUpper(a.uai) = toUpper(value))
   OR (prefix = 'wikidata' AND a.wikidata = value)
RETURN ref, a.id AS id, a.name AS name, prefix AS matched_by
ORDER BY ref, id
