// name: gap_network_coprojects
// purpose: The edges of the collaboration network that come from shared projects, one row per project with two or more participants: every pair of its members is linked (the weight of a pair is the number of projects it shares).
// params: none
// returns: project, members
// example: carto query gap_network_coprojects
MATCH (p:Project)<-[:PARTICIPATES_IN]-(a:Actor)
WITH p, a
ORDER BY a.id
WITH p, collect(a.id) AS members
WHERE size(members) > 1
RETURN p.id AS project, members
ORDER BY project
