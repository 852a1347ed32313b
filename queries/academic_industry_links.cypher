// name: academic_industry_links
// purpose: Academic–industry links: pairs of an academic actor (lab, university, research organisation, hospital) and a company that share a project or are directly linked, with the domains both work on.
// params: domain: str = null, top: int = 500
// returns: academic_id, academic_name, company_id, company_name, company_kind, via, shared_domains
// example: carto query academic_industry_links --param domain=dom-health-data
MATCH (ac:Actor)-[r:COLLABORATES_WITH|PARTNER_OF|PARTICIPATES_IN|SPUN_OFF_FROM|HOSTED_BY|MEMBER_OF]-(x)
WHERE ac.kind IN ['academic_lab', 'university', 'research_org', 'hospital']
OPTIONAL MATCH (x)<-[:PARTICIPATES_IN]-(co:Actor)
WHERE x:Project
WITH ac, r, x, co
WITH ac, CASE WHEN x:Actor THEN x ELSE co END AS company,
     CASE WHEN x:Actor THEN type(r) ELSE 'PROJECT ' + x.id END AS via
WHERE company IS NOT NULL AND company.kind IN ['sme', 'midcap', 'large_company', 'service_provider']
OPTIONAL MATCH (ac)-[:WORKS_ON]->(d:Domain)<-[:WORKS_ON]-(company)
WITH ac, company, via, d
WHERE $domain IS NULL OR (d)-[:BROADER*0..]->(:Domain {id: $domain})
WITH ac, company, via, d
ORDER BY d.id
WITH ac, company, via, collect(DISTINCT d.id) AS shared_domains
WHERE $domain IS NULL OR size(shared_domains) > 0
RETURN ac.id AS academic_id, ac.name AS academic_name, company.id AS company_id, company.name AS company_name,
       company.kind AS company_kind, via, shared_domains
ORDER BY academic_id, company_id, via
LIMIT $top
