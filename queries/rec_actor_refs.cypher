// name: rec_actor_refs
// purpose: Resolve actor references: canonical id, prefixed external id (rnsr:, siren:, pic:, finess:, ror:, siret:, uai:, wikidata:) or exact name (case-insensitive).
// params: refs: list[str] = medicen
// returns: ref, id, name, matched_by
// example: carto query rec_actor_refs --param refs=ap-hp,rnsr:200112491C
UNWIND $refs AS ref
WITH ref, CASE WHEN ref CONTAINS ':' THEN toLower(split(ref, ':')[0]) ELSE '' END AS prefix
WITH ref, prefix, CASE WHEN prefix = '' THEN ref ELSE substring(ref, size(prefix) + 1) END AS value
MATCH (a:Actor)
WHERE a.id = ref
   OR (prefix = 'rnsr' AND toUpper(a.rnsr) = toUpper(value))
   OR (prefix = 'siren' AND a.siren = value)
   OR (prefix = 'siret' AND a.siret = value)
   OR (prefix = 'pic' AND a.pic = value)
   OR (prefix = 'finess' AND a.finess = value)
   OR (prefix = 'ror' AND a.ror = value)
   OR (prefix = 'uai' AND toUpper(a.uai) = toUpper(value))
   OR (prefix = 'wikidata' AND a.wikidata = value)
   OR toLower(a.name) = toLower(ref)
WITH ref, a, CASE WHEN a.id = ref THEN 'id' WHEN toLower(a.name) = toLower(ref) THEN 'name' ELSE prefix END AS matched_by
RETURN ref, a.id AS id, a.name AS name, matched_by
ORDER BY ref, CASE matched_by WHEN 'id' THEN 0 WHEN 'name' THEN 2 ELSE 1 END, id
