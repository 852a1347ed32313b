// name: relationships_by_type
// purpose: How many relationships of each type the graph holds.
// params: none
// returns: type, relationships
// example: carto query relationships_by_type
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS relationships
ORDER BY type
