// name: nodes_by_label
// purpose: How many nodes carry each label: the first look at a graph.
// params: none
// returns: label, nodes
// example: carto query nodes_by_label
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS nodes
ORDER BY label
