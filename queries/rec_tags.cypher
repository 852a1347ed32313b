// name: rec_tags
// purpose: Thematic tags of actors (WORKS_ON, CONTRIBUTES_TO, USES_TECHNOLOGY, IN_SECTOR, TARGETS_MARKET) and of projects (ADDRESSES), one row per tag.
// params: top: int = 5000000
// returns: subject, rel, concept
// example: carto query rec_tags --param top=20
MATCH (s)-[r]->(c:Concept)
WHERE type(r) IN ['WORKS_ON', 'CONTRIBUTES_TO', 'USES_TECHNOLOGY', 'IN_SECTOR', 'TARGETS_MARKET', 'ADDRESSES']
RETURN s.id AS subject, type(r) AS rel, c.id AS concept
ORDER BY subject, rel, concept
LIMIT $top
