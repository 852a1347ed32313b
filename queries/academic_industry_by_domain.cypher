// name: academic_industry_by_domain
// purpose: Per therapeutic domain, how many academic and industrial actors work on it and how many academic–industry pairs share a project or a direct link there (roll-up through BROADER).
// params: none
// returns: domain, name_fr, academics, companies, links
// example: carto query academic_industry_by_domain
MATCH (d:Domain)
OPTIONAL MATCH (d)<-[:BROADER*0..]-(:Domain)<-[:WORKS_ON]-(ac:Actor)
WHERE ac.kind IN ['academic_lab', 'university', 'research_org', 'hospital']
WITH d, collect(DISTINCT ac) AS academics
OPTIONAL MATCH (d)<-[:BROADER*0..]-(:Domain)<-[:WORKS_ON]-(co:Actor)
WHERE co.kind IN ['sme', 'midcap', 'large_company', 'service_provider']
WITH d, academics, collect(DISTINCT co) AS companies
UNWIND (CASE WHEN size(academics) = 0 THEN [NULL] ELSE academics END) AS ac
OPTIONAL MATCH (ac)-[:COLLABORATES_WITH|PARTNER_OF|SPUN_OFF_FROM|HOSTED_BY|MEMBER_OF]-(co1:Actor)
WHERE co1 IN companies
OPTIONAL MATCH (ac)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(co2:Actor)
WHERE co2 IN companies
WITH d, academics, companies, ac, collect(DISTINCT co1.id) + collect(DISTINCT co2.id) AS partners
UNWIND (CASE WHEN size(partners) = 0 THEN [NULL] ELSE partners END) AS partner
WITH d, size(academics) AS academics, size(companies) AS companies,
     collect(DISTINCT CASE WHEN partner IS NULL THEN NULL ELSE ac.id + '>' + partner END) AS pairs
RETURN d.id AS domain, d.name_fr AS name_fr, academics, companies, size(pairs) AS links
ORDER BY links DESC, academics + companies DESC, domain
