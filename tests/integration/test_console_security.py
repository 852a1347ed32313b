"""The console cannot change the graph: every kind of write is refused by the database on both
stores, and a full export taken before and after the attempts is the same, byte for byte."""

from __future__ import annotations

import time

import pytest

from errors import QueryError, QueryTimeout, ReadOnlyViolation
from graph import GraphStore
from graph.export import snapshot, to_turtle
from ontology import Schema
from queries.console import check_query, run_console

ATTACKS = {
    "create": "CREATE (:Actor {id: 'intruder', name: 'x'})",
    "create_rel": "MATCH (a:Actor {id: 'medicen'}), (b:Actor {id: 'ap-hp'}) CREATE (a)-[:PARTNER_OF]->(b)",
    "merge": "MERGE (a:Actor {id: 'intruder'}) RETURN a",
    "merge_existing_on_match": "MERGE (a:Actor {id: 'medicen'}) ON MATCH SET a.name = 'pwned' RETURN a",
    "set": "MATCH (a:Actor {id: 'medicen'}) SET a.name = 'pwned' RETURN a",
    "set_label": "MATCH (a:Actor {id: 'medicen'}) SET a:Pwned RETURN a.id",
    "set_map": "MATCH (a:Actor) SET a += {kind: 'pwned'} RETURN count(a)",
    "delete_rel": "MATCH (:Actor)-[r:MEMBER_OF]->() DELETE r",
    "delete_node": "MATCH (p:Project) WITH p LIMIT 1 DETACH DELETE p",
    "detach_delete_all": "MATCH (n) DETACH DELETE n",
    "remove_prop": "MATCH (a:Actor {id: 'medicen'}) REMOVE a.name RETURN a",
    "remove_label": "MATCH (a:Actor {id: 'medicen'}) REMOVE a:Actor RETURN a",
    "foreach_set": "MATCH (a:Actor) FOREACH (x IN [1] | SET a.pwned = x) RETURN count(a)",
    "subquery_write": "MATCH (a:Actor) WITH a LIMIT 1 CALL { WITH a SET a.pwned = true } RETURN a.id",
    "create_index": "CREATE INDEX FOR (n:Actor) ON (n.pwned)",
    "drop_index": "DROP INDEX ON :Actor(name)",
    "create_constraint": "CREATE CONSTRAINT pwned_c FOR (n:Project) REQUIRE n.title IS UNIQUE",
    "load_csv_file": "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "load_csv_url": "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row CREATE (:Actor {id: row.id})",
    "call_dbms_list_config": "CALL dbms.listConfig() YIELD name RETURN name",
    "call_dbms_procedures": "CALL dbms.procedures()",
    "call_db_clear_caches": "CALL db.clearQueryCaches()",
    "call_db_create_label": "CALL db.createLabel('Pwned')",
    "call_db_fulltext_create": "CALL db.idx.fulltext.createNodeIndex('Actor', 'name')",
    "call_db_labels": "CALL db.labels()",
    "terminate_transactions": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "show_transactions": "SHOW TRANSACTIONS",
    "show_settings": "SHOW SETTINGS YIELD name RETURN name",
    "show_users": "SHOW USERS",
    "alter_user": "ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'",
    "create_user": "CREATE USER bob SET PASSWORD 'secret-pw'",
    "create_database": "CREATE DATABASE pwned",
    "stop_database": "STOP DATABASE neo4j",
    "call_in_transactions": "MATCH (n) CALL { WITH n SET n.pwned = 1 } IN TRANSACTIONS RETURN 1",
    "multi_read_then_write": "MATCH (n) RETURN count(n) AS c; CREATE (:Actor {id: 'intruder'})",
    "multi_write_then_read": "MATCH (n) DETACH DELETE n; MATCH (n) RETURN count(n)",
    "multi_after_comment": "MATCH (n) RETURN count(n) // harmless\n; MATCH (n) DETACH DELETE n",
    "multi_semicolon_in_string_then_write": "RETURN ';' AS s; CREATE (:Actor {id: 'intruder'})",
    "write_after_union": "MATCH (a:Actor {id: 'medicen'}) RETURN a.id AS id UNION MERGE (b:Actor {id: 'intruder'}) RETURN b.id AS id",
    "explain_prefix": "EXPLAIN MATCH (n) DETACH DELETE n",
    "profile_prefix": "PROFILE MATCH (n) DETACH DELETE n",
}


def _full_export(store: GraphStore, schema: Schema) -> bytes:
    snap = snapshot(store)
    return snap.canonical().encode() + b"\n" + to_turtle(snap, schema).encode()


def test_every_write_is_refused_and_the_graph_is_unchanged(seeded: GraphStore, schema: Schema) -> None:
    before = _full_export(seeded, schema)
    accepted = []
    for name, text in ATTACKS.items():
        try:
            run_console(seeded, text, timeout_ms=5_000, row_cap=10)
        except QueryError:
            continue
        accepted.append(name)
    assert accepted == [], f"the console ran these on {seeded.uri}: {accepted}"
    after = _full_export(seeded, schema)
    assert after == before
    assert len(before) > 100_000  # the whole seeded graph, not an empty export


@pytest.mark.parametrize("name", ["create", "set", "detach_delete_all", "remove_prop", "merge"])
def test_the_store_itself_refuses_writes_without_the_plan_check(seeded: GraphStore, name: str) -> None:
    """Layer 2 alone: even if the plan check were bypassed, the read transaction refuses."""
    with pytest.raises(ReadOnlyViolation):
        seeded.read(ATTACKS[name])


def test_the_plan_check_names_what_it_refuses(seeded: GraphStore) -> None:
    with pytest.raises(ReadOnlyViolation, match="LOAD CSV"):
        check_query(seeded, ATTACKS["load_csv_file"])
    with pytest.raises(ReadOnlyViolation, match="procedure"):
        check_query(seeded, "CALL db.labels() YIELD label RETURN label")
    with pytest.raises(QueryError, match="(?i)statement"):
        check_query(seeded, ATTACKS["multi_read_then_write"])


def test_reads_are_allowed_and_parameters_travel_as_parameters(seeded: GraphStore) -> None:
    res = run_console(
        seeded,
        "MATCH (a:Actor {id: $id})-[:MEMBER_OF]->(c:Actor) RETURN a.id AS id, c.id AS cluster ORDER BY cluster",
        {"id": "ap-hp"},
    )
    assert res.columns == ("id", "cluster")
    assert res.rows and all(r["id"] == "ap-hp" for r in res.rows)
    # a trailing semicolon is one statement, and the database says so
    assert run_console(seeded, "MATCH (n:Actor) RETURN count(n) AS c;").rows == [{"c": 80}]
    # the value is data, not Cypher: no injection through a parameter
    res = run_console(seeded, "MATCH (a:Actor {id: $id}) RETURN a.id AS id", {"id": "x'}) DETACH DELETE a //"})
    assert res.rows == []


def test_a_query_past_the_timeout_is_stopped(seeded: GraphStore) -> None:
    slow = "MATCH (a), (b), (c), (d) WHERE a.id + b.id + c.id < d.id RETURN count(*) AS n"
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        run_console(seeded, slow, timeout_ms=500)
    assert time.monotonic() - started < 20


def test_a_huge_result_is_capped(seeded: GraphStore) -> None:
    res = run_console(seeded, "UNWIND range(1, 200000) AS x RETURN x", row_cap=1_000)
    assert len(res.rows) == 1_000
    assert res.truncated
    assert res.rows[0] == {"x": 1} and res.rows[-1] == {"x": 1000}
    small = run_console(seeded, "UNWIND range(1, 10) AS x RETURN x", row_cap=1_000)
    assert len(small.rows) == 10 and not small.truncated
