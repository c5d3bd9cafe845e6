"""The nightly job with LEAD_SCORING_ENGINE=spark, end to end, against the same job on DuckDB
from the same generated data (each with a CRM sandbox of its own). The DuckDB run is the
oracle: the CRM must end in the same state, having been sent the same payloads, and the
published tables must hold what DuckDB's BI snapshot holds."""

import json
from collections import Counter

import requests

from lead_scoring.crm import ZohoCrmClient, ZohoSettings
from tests.spark.mart_rows import by_column, duckdb_rows, parquet_rows

LEAD_FIELDS = [
    "Lead_Score",
    "Attribute_Score",
    "Behavior_Score",
    "Lead_Tier",
    "Lifecycle_Stage",
    "Score_Reasons",
    "Scored_At",
    "Tag",
]
TASK_FIELDS = ["Subject", "Due_Date", "What_Id", "Status", "Priority", "Description", "Owner"]


def _lead_values(record: dict) -> str:
    """The fields the sync writes; a tag by its name (the CRM stamps when it was added)."""
    values = {field: record.get(field) for field in LEAD_FIELDS}
    values["Tag"] = sorted(tag["name"] for tag in values["Tag"] or [])
    return json.dumps(values, sort_keys=True, default=str)


def crm_state(run) -> dict:
    """Each lead's written fields and every task, as comparable values."""
    with ZohoCrmClient(ZohoSettings.for_sandbox(run.sandbox.base_url)) as client:
        leads = {r["id"]: _lead_values(r) for r in client.iter_records("Leads", LEAD_FIELDS)}
        tasks = sorted(
            json.dumps([r.get(f) for f in TASK_FIELDS], sort_keys=True, default=str)
            for r in client.iter_records("Tasks", TASK_FIELDS)
        )
    return {"leads": leads, "tasks": tasks}


def writes(run) -> Counter:
    """Every record sent to the CRM (method, path, query, record), whatever the batching."""
    log = requests.get(f"{run.sandbox.base_url}/__sandbox/requests", timeout=10).json()
    sent = Counter()
    for entry in log["requests"]:
        if entry["method"] == "GET" or "/crm/v8/" not in entry["path"]:
            continue
        records = (entry["body"] or {}).get("data") or [None]
        query = json.dumps(entry["query"], sort_keys=True)
        for record in records:
            sent[(entry["method"], entry["path"], query, json.dumps(record, sort_keys=True))] += 1
    return sent


def test_every_step_ran_on_spark_and_every_check_passed(spark_nightly):
    result = spark_nightly.result
    events = result.get_asset_materialization_events()
    materialized = {event.asset_key.to_user_string() for event in events}
    for key in ("marts/lead_scores", "publish/bi_snapshot", "reverse_etl/crm_lead_scores"):
        assert key in materialized
    checks = result.get_asset_check_evaluations()
    gx = {c.check_name: c.passed for c in checks if c.check_name.startswith("gx_")}
    assert gx.get("gx_lead_scores") is True and gx.get("gx_sync_crm__lead_scores") is True
    assert all(gx.values()), {name: ok for name, ok in gx.items() if not ok}


def test_the_crm_ends_in_the_same_state_as_after_the_duckdb_run(duckdb_nightly, spark_nightly):
    on_duckdb, on_spark = crm_state(duckdb_nightly), crm_state(spark_nightly)
    scored = [k for k, fields in on_duckdb["leads"].items() if json.loads(fields)["Lead_Score"]]
    assert len(scored) >= 100 and on_duckdb["tasks"]  # leads were scored, some handed off
    differing = [k for k in on_duckdb["leads"] if on_duckdb["leads"][k] != on_spark["leads"].get(k)]
    assert not differing, [
        (k, on_duckdb["leads"][k], on_spark["leads"].get(k)) for k in differing[:3]
    ]
    assert on_spark["tasks"] == on_duckdb["tasks"]


def test_the_crm_was_sent_the_same_payloads(duckdb_nightly, spark_nightly):
    on_duckdb, on_spark = writes(duckdb_nightly), writes(spark_nightly)
    assert sum(on_duckdb.values()) >= 100
    assert on_spark == on_duckdb, {
        "only_duckdb": list((on_duckdb - on_spark).elements())[:3],
        "only_spark": list((on_spark - on_duckdb).elements())[:3],
    }


def test_the_published_schema_holds_the_duckdb_bi_snapshot(duckdb_nightly, spark, spark_nightly):
    compared = {}
    for table in ("lead_scores", "lead_qualification", "sync_crm__lead_scores"):
        names, rows = duckdb_rows(duckdb_nightly.published, f"marts.{table}")
        spark_names, spark_rows = parquet_rows(spark.table_folder("published", table))
        assert by_column(spark_names, spark_rows, names) == by_column(names, rows, names), table
        compared[table] = len(rows)
    assert compared["lead_scores"] >= 150


def test_the_spark_run_kept_its_ledger_in_the_warehouse(spark_nightly):
    import duckdb

    with duckdb.connect(str(spark_nightly.warehouse), read_only=True) as con:
        accepted = con.execute(
            "select count(distinct lead_id) from reverse_etl.crm_sync_ledger "
            "where operation = 'upsert' and crm_code = 'SUCCESS'"
        ).fetchone()[0]
    assert accepted >= 100


def test_a_second_run_on_spark_sends_nothing(spark_nightly):
    """Last in this module: it runs the Spark nightly again on the same input."""
    before = writes(spark_nightly)
    result = spark_nightly.run()
    assert result.success
    assert writes(spark_nightly) == before


def test_a_failed_check_on_spark_stops_publish_and_sync(spark, spark_nightly, monkeypatch):
    """Last: leads whose scores change, and one expectation on marts.lead_scores that the real
    data breaks (not every lead is Hot): the run fails at that check on the Spark table, the CRM
    gets no write and schema `published` keeps the last good run's tables."""
    from lead_scoring.quality import suite_check

    load = suite_check.load_suite_json
    failing = {
        "type": "expect_column_values_to_be_in_set",
        "kwargs": {"column": "tier", "value_set": ["Hot"]},
    }

    def with_failing_expectation(path):
        suite = load(path)
        if path.stem == "marts.lead_scores":
            suite = {**suite, "expectations": [*suite["expectations"], failing]}
        return suite

    with ZohoCrmClient(ZohoSettings.for_sandbox(spark_nightly.sandbox.base_url)) as client:
        leads = sorted(r["id"] for r in client.iter_records("Leads", ["Lead_Score"]))[:5]
        assert all(
            r.ok for r in client.upsert("Leads", [{"id": i, "Designation": "CEO"} for i in leads])
        )
    runs = spark.table_folder("published", "publish_snapshot")
    before_writes, before_published = writes(spark_nightly), parquet_rows(runs)
    monkeypatch.setattr(suite_check, "load_suite_json", with_failing_expectation)
    result = spark_nightly.run()
    assert not result.success
    failed = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert failed == ["marts__lead_scores_gx_lead_scores"]
    materialized = {e.asset_key.path[0] for e in result.get_asset_materialization_events()}
    assert "publish" not in materialized and "reverse_etl" not in materialized
    assert writes(spark_nightly) == before_writes
    assert parquet_rows(runs) == before_published
