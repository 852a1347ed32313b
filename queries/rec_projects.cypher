// name: rec_projects
// purpose: Every project with the text the recommender indexes (acronym, title, abstract, programme, call).
// params: top: int = 1000000
// returns: id, acronym, title, abstract, programme, call, year
// example: carto query rec_projects --param top=20
MATCH (p:Project)
RETURN p.id AS id, p.acronym AS acronym, p.title AS title, p.abstract AS abstract, p.programme AS programme,
       p.call AS call, p.year AS year
ORDER BY id
LIMIT $top
