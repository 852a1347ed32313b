// name: projects_by_domain_year
// purpose: Number of dated projects addressing each therapeutic domain (or a narrower one) per year: the activity curve of a domain.
// params: domain: str = null, from_year: int = 1900, to_year: int = 2100
// returns: domain, name_fr, year, projects
// example: carto query projects_by_domain_year --param domain=dom-digital-health --param from_year=2015
MATCH (d:Domain)<-[:BROADER*0..]-(:Domain)<-[:ADDRESSES]-(p:Project)
WHERE ($domain IS NULL OR d.id = $domain) AND p.year IS NOT NULL AND p.year >= $from_year AND p.year <= $to_year
RETURN d.id AS domain, d.name_fr AS name_fr, p.year AS year, count(DISTINCT p) AS projects
ORDER BY domain, year
