// name: projects_in_domain
// purpose: Projects addressing a domain or any narrower one, with their programme, year and number of participants.
// params: domain: str = dom-bioproduction, top: int = 200
// returns: id, acronym, title, programme, year, participants
// example: carto query projects_in_domain --param domain=dom-digital-health
MATCH (:Domain {id: $domain})<-[:BROADER*0..]-(:Domain)<-[:ADDRESSES]-(p:Project)
WITH DISTINCT p
OPTIONAL MATCH (p)<-[:PARTICIPATES_IN]-(a:Actor)
RETURN p.id AS id, p.acronym AS acronym, p.title AS title, p.programme AS programme, p.year AS year,
       count(DISTINCT a) AS participants
ORDER BY participants DESC, id
LIMIT $top
