// name: search_actors
// purpose: Find actors whose name or id contains a text (case-insensitive), to get the id other queries take.
// params: text: str = curie, top: int = 50
// returns: id, name, kind, departement
// example: carto query search_actors --param text=pasteur
MATCH (a:Actor)
WHERE toLower(a.name) CONTAINS toLower($text) OR a.id CONTAINS toLower($text)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.departement AS departement
ORDER BY name, id
LIMIT $top
