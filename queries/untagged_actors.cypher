// name: untagged_actors
// purpose: Actors linked to no domain and no axis: they are invisible to the thematic views.
// params: none
// returns: id, name, kind
// example: carto query untagged_actors
MATCH (a:Actor)
OPTIONAL MATCH (a)-[t:WORKS_ON|CONTRIBUTES_TO]->()
WITH a, count(t) AS tags
WHERE tags = 0
RETURN a.id AS id, a.name AS name, a.kind AS kind
ORDER BY id
