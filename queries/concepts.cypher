// name: concepts
// purpose: The concept schemes loaded from the ontology (domains, axes, filières, markets, technologies, territories) with their broader concept.
// params: scheme: str = null
// returns: id, scheme, name_fr, name_en, priority, broader
// example: carto query concepts --param scheme=Axis
MATCH (c:Concept)
WHERE $scheme IS NULL OR c.scheme = $scheme
OPTIONAL MATCH (c)-[:BROADER]->(b:Concept)
RETURN c.id AS id, c.scheme AS scheme, c.name_fr AS name_fr, c.name_en AS name_en, c.priority AS priority, b.id AS broader
ORDER BY scheme, id
