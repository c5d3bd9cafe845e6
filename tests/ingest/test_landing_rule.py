"""Case 1 and 3 of issue 11: every file a source may read is read (compressed, any case,
sub-folders, Segment's S3 layout), any other file is reported, and a BOM is decoded."""

import logging
import subprocess
import sys

import pytest

from lead_scoring.ingest.landing_files import EMAIL_EVENTS, WEB_EVENTS, load_landing_files
from tests.ingest.arrivals import (
    array_bytes,
    landed_ids,
    lines_bytes,
    page,
    quarantined,
    sendgrid,
    write,
)
from tests.ingest.bad_inputs import warehouse

WEB_FILES = {  # name inside the landing folder -> message ids in it
    "2026-11-20.jsonl": ["a1", "a2"],
    "2026-11-20.jsonl.gz": ["b1", "b2"],
    "2026-11-20.json.gz": ["c1"],
    "UPPER.JSONL": ["d1"],
    "day.ndjson": ["e1"],
    "day.ndjson.zst": ["f1", "f2"],
    "segment-s3/2026-11-20/1763632800000.4f1a2b.gz": ["g1", "g2", "g3"],  # Segment's layout
    "deep/er/2026-11-19.jsonl": ["h1"],
}


def test_every_web_file_the_rule_names_is_read_and_other_files_are_reported(tmp_path, caplog):
    for name, ids in WEB_FILES.items():
        write(tmp_path / name, lines_bytes([page(i) for i in ids]))
    write(tmp_path / "README.txt", b"not events")
    expected = sorted(i for ids in WEB_FILES.values() for i in ids)

    with warehouse() as con, caplog.at_level(logging.WARNING):
        result = load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        # every record of the input ends in raw or quarantine, counted
        assert landed_ids(con, "web_events", "message_id") == expected
        assert quarantined(con) == 0
        loads = con.execute("select records_read, unread_files from raw._loads").fetchall()

    assert (result.records_read, result.rows_inserted) == (len(expected), len(expected))
    assert result.unread_files == [str(tmp_path / "README.txt")]
    assert loads == [(len(expected), [str(tmp_path / "README.txt")])]
    assert "README.txt" in caplog.text


def test_every_sendgrid_file_the_rule_names_is_read(tmp_path):
    write(tmp_path / "batch-1.json", array_bytes([sendgrid("s1"), sendgrid("s2")]))
    write(tmp_path / "BATCH-2.JSON.gz", array_bytes([sendgrid("s3")]))
    write(tmp_path / "2026-11-20/batch-3.json", array_bytes([sendgrid("s4")]))
    write(tmp_path / "stream.jsonl", lines_bytes([sendgrid("s5"), sendgrid("s6")]))

    with warehouse() as con:
        result = load_landing_files(con, EMAIL_EVENTS, tmp_path, "load-1")
        assert landed_ids(con, "email_events", "sg_event_id") == [f"s{i}" for i in range(1, 7)]
        assert quarantined(con) == 0
    assert result.unread_files == []


@pytest.mark.parametrize("crlf", [False, True])
def test_a_byte_order_mark_is_decoded_not_quarantined(tmp_path, crlf):
    write(tmp_path / "web.jsonl", lines_bytes([page("m1"), page("m2")], bom=True, crlf=crlf))
    with warehouse() as con:
        load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        assert landed_ids(con, "web_events", "message_id") == ["m1", "m2"]
        assert quarantined(con) == 0


def test_a_sendgrid_batch_with_a_byte_order_mark_loads_every_event(tmp_path):
    events = [sendgrid(f"s{i}") for i in range(1, 218)]
    write(tmp_path / "batch.json", b"\xef\xbb\xbf" + array_bytes(events))
    with warehouse() as con:
        result = load_landing_files(con, EMAIL_EVENTS, tmp_path, "load-1")
        assert quarantined(con) == 0
    assert result.rows_inserted == 217


def test_the_asset_warns_of_unread_files_in_a_check_and_its_metadata(tmp_path, monkeypatch):
    import dagster as dg

    from lead_scoring.defs.ingest.assets import web_events
    from lead_scoring.defs.resources import Warehouse, ZohoCrm

    write(tmp_path / "web" / "day.jsonl", lines_bytes([page("m1")]))
    write(tmp_path / "web" / "export.csv", b"messageId\nm2\n")
    monkeypatch.setenv("LEAD_SCORING_WEB_EVENTS_DIR", str(tmp_path / "web"))
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(
            [web_events],
            resources={"warehouse": Warehouse(path=str(tmp_path / "w.duckdb")), "crm": ZohoCrm()},
            instance=instance,
        )
    (check,) = result.get_asset_check_evaluations()
    (materialization,) = result.asset_materializations_for_node("raw__web_events")
    assert (check.check_name, check.passed) == ("landing_files_all_read", False)
    assert check.severity == dg.AssetCheckSeverity.WARN
    unread = [str(tmp_path / "web" / "export.csv")]
    assert materialization.metadata["unread_files"].value == unread


def test_records_of_a_compressed_file_are_named_by_the_landed_file(tmp_path):
    """DuckDB reads a decompressed copy in a scratch folder; raw and quarantine name the file
    that landed, with the record's line or array position, as for a plain file."""
    bad = {"messageId": "b2", "type": "page"}  # no anonymousId or userId
    write(tmp_path / "web/day.jsonl.gz", lines_bytes([page("b1"), bad, page("b3")]))
    write(tmp_path / "email/batch.json.zst", array_bytes([sendgrid("s1"), {"event": "open"}]))

    with warehouse() as con:
        load_landing_files(con, WEB_EVENTS, tmp_path / "web", "load-1")
        load_landing_files(con, EMAIL_EVENTS, tmp_path / "email", "load-1")
        landed = con.execute("select _source, count(*) from raw.web_events group by 1").fetchall()
        emails = con.execute("select _source from raw.email_events").fetchall()
        held = con.execute("select source, position from raw._quarantine order by 1").fetchall()

    assert landed == [(str(tmp_path / "web/day.jsonl.gz"), 2)]
    assert emails == [(str(tmp_path / "email/batch.json.zst"),)]
    assert held == [
        (str(tmp_path / "email/batch.json.zst"), 2),
        (str(tmp_path / "web/day.jsonl.gz"), 2),
    ]


def test_landing_a_file_does_not_import_pandas(tmp_path):
    """Landing needs none of pandas, whose import alone (1.6 s) cost more than landing a day
    of the 100k-lead bench's e-mail events; a registered Arrow table would import it."""
    write(tmp_path / "day.jsonl.gz", lines_bytes([page("m1"), page("m2")]))
    script = f"""
import sys, duckdb
from pathlib import Path
from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from lead_scoring.ingest.warehouse import ensure_raw_schema
con = duckdb.connect()
ensure_raw_schema(con)
assert load_landing_files(con, WEB_EVENTS, Path({str(tmp_path)!r}), "l").rows_inserted == 2
print(sorted(m for m in sys.modules if m.split(".")[0] == "pandas")[:3])
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
