// name: supervisor_summary
// purpose: Every supervising or parent organisation with the number of units under it (SUPERVISED_BY or PART_OF, up to three levels).
// params: top: int = 100
// returns: id, name, kind, units
// example: carto query supervisor_summary --param top=10
MATCH (u:Actor)-[:SUPERVISED_BY|PART_OF*1..3]->(s:Actor)
RETURN s.id AS id, s.name AS name, s.kind AS kind, count(DISTINCT u) AS units
ORDER BY units DESC, id
LIMIT $top
