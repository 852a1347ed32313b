// name: spinoffs_by_lab
// purpose: Start-ups spun off from each lab (or from a lab's parent organisation when lab_id names one), with the spin-off year.
// params: lab_id: str = null, top: int = 500
// returns: lab_id, lab_name, spinoff_id, spinoff_name, spinoff_kind, year
// example: carto query spinoffs_by_lab --param lab_id=institut-curie
MATCH (s:Actor)-[r:SPUN_OFF_FROM]->(lab:Actor)
WHERE $lab_id IS NULL OR lab.id = $lab_id OR (lab)-[:PART_OF|SUPERVISED_BY*1..3]->(:Actor {id: $lab_id})
RETURN lab.id AS lab_id, lab.name AS lab_name, s.id AS spinoff_id, s.name AS spinoff_name, s.kind AS spinoff_kind,
       r.year AS year
ORDER BY lab_id, spinoff_id
LIMIT $top
