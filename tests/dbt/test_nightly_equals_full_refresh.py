"""Five nightly increments give the marts a full refresh gives on the same data, row for row.

One warehouse is built as the nightly job builds it: a first night, then five nights that each
land one new day through the real landing ingest and run `dbt build` incrementally as of the
start of the next day. On the way: a day's files land late (two nights after their day), an
event is delivered again with corrected content, a visitor whose page views landed earlier is
identified as a lead (an identity merge), a CRM lead gets a new version, another takes a third
one's e-mail (so the third's lead count and primary lead change with no version of its own),
another is deleted, a behavior rule changes its points and window and an attribute rule its
points. The last night must rewrite only the activity days of its own events and score no lead's
attributes again, and the nights after the first must stage again only the leads with a new
version and write again only those and the lead whose e-mail was taken.

Two oracles, as of the same time and with the final rules:
- `dbt build --full-refresh` of that warehouse: every mart, every history day, row for row.
  lead_score_history is the qualification model's memory (a milestone, once a night saw it,
  never moves: what sales was told stays told), so a full refresh keeps it by design and
  rebuilds everything else from the raw data;
- a warehouse that lands every file at once and is built from scratch: the score marts, which
  depend on the data alone, row for row.
"""

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from lead_scoring.generator import generate
from lead_scoring.ingest.landing_files import EMAIL_EVENTS, WEB_EVENTS, load_landing_files
from lead_scoring.ingest.warehouse import ensure_raw_schema

from .dbt_helpers import copy_project, edit_seed, query, run_dbt
from .generated_data import crm_row, insert_records, load_crm

END = date(2026, 11, 20)
DAYS = 10
NIGHTS = 5
LATE_DAY = END - timedelta(days=6)  # its web file lands on night 2, not on the first night
RULE_CHANGE_NIGHT = 4
# the marts that carry what the nights recorded (MQL time, hand-offs, transitions, the score a
# deleted lead last had): a warehouse built from scratch has no such memory
QUALIFICATION_STATE = {
    "lead_qualification", "lead_handoffs", "lead_score_history", "lead_transitions",
    "feedback_conversion", "sync_crm__lead_scores", "lead_deletions",
}  # fmt: skip
# models and seeds as the nightly job builds them; data tests change no row, so they are left
# out of these seven builds
BUILD = ["build", "--exclude-resource-type", "unit_test", "--exclude-resource-type", "test"]


def day_files(generated: Path, day: date) -> list[Path]:
    return [generated / "web" / f"{day}.jsonl", generated / "email" / f"{day}.json"]


def place(files: list[Path], landing: Path) -> None:
    for file in files:
        (landing / file.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(file, landing / file.parent.name / file.name)


def write_events(landing: Path, name: str, events: list[dict]) -> None:
    (landing / "web" / name).write_text("".join(json.dumps(e) + "\n" for e in events))


def visitor_page_views(day: date) -> list[dict]:
    """Pricing page views of a browser no identify has named yet."""
    return [
        {"messageId": f"merge-view-{n}", "type": "page", "name": "Pricing",
         "anonymousId": "anon-merge", "timestamp": f"{day}T0{n}:00:00.000Z",
         "properties": {"path": "/pricing"}, "context": {}}
        for n in range(1, 4)
    ]  # fmt: skip


def identify(day: date, email: str) -> dict:
    return {"messageId": "merge-identify", "type": "identify", "anonymousId": "anon-merge",
            "timestamp": f"{day}T09:00:00.000Z", "traits": {"email": email},
            "context": {}}  # fmt: skip


def corrected(generated: Path, day: date) -> dict:
    """The first page view of `day`, sent again with other properties (same messageId)."""
    for line in (generated / "web" / f"{day}.jsonl").read_text().splitlines():
        event = json.loads(line)
        if event["type"] == "page":
            return {**event, "properties": {**event["properties"], "path": "/corrected"}}
    raise AssertionError(f"no page view on {day}")


def land_and_build(warehouse: Path, landing: Path, project: Path, night: int, as_of: date, work):
    with duckdb.connect(str(warehouse)) as con:
        ensure_raw_schema(con)
        for source in (WEB_EVENTS, EMAIL_EVENTS):
            folder = landing / ("web" if source is WEB_EVENTS else "email")
            load_landing_files(con, source, folder, f"night-{night}", max_record_bytes=1 << 20)
    env = {"LEAD_SCORING_SCORE_AS_OF": str(as_of), "LEAD_SCORING_TIMEZONE": "Asia/Tokyo"}
    result = run_dbt(BUILD, warehouse, work, project, extra_env=env)
    assert result.returncode == 0, f"night {night}: " + result.stdout[-3000:]


def promote(warehouse: Path, lead: dict, day: date) -> None:
    """A new version of a CRM lead lands: its title is now CEO."""
    version = {**lead, "Designation": "CEO", "Modified_Time": f"{day}T09:00:00+09:00"}
    with duckdb.connect(str(warehouse)) as con:
        insert_records(con, "crm_leads", [crm_row(version)], f"promote-{day}")


def take_email(warehouse: Path, lead: dict, other: dict, day: date) -> None:
    """A new version of a CRM lead lands with another lead's e-mail."""
    version = {**lead, "Email": other["Email"], "Modified_Time": f"{day}T09:30:00+09:00"}
    with duckdb.connect(str(warehouse)) as con:
        insert_records(con, "crm_leads", [crm_row(version)], f"take-email-{day}")


def delete(warehouse: Path, lead: dict, day: date) -> None:
    """A CRM lead is deleted."""
    deletion = {"id": lead["id"], "deleted_time": f"{day}T10:00:00+09:00", "type": "recycle"}
    with duckdb.connect(str(warehouse)) as con:
        insert_records(con, "crm_deleted_leads", [deletion], f"delete-{day}")


def change_rule(project: Path) -> None:
    edit_seed(
        project,
        "score_behavior_rules",
        "beh_visits_30d,web_visits,,web_session,,,count,,1,,30,,,10,",
        "beh_visits_30d,web_visits,,web_session,,,count,,1,,14,,,12,",
    )
    edit_seed(
        project,
        "score_attribute_rules",
        "att_industry_it,industry,industry,,industry,equals,IT / Software,,,10,",
        "att_industry_it,industry,industry,,industry,equals,IT / Software,,,11,",
    )


@pytest.fixture(scope="module")
def both_warehouses(tmp_path_factory):
    root = tmp_path_factory.mktemp("nightly")
    generated = root / "generated"
    generate(generated, leads=200, days=DAYS, seed=11, end_date=END, progress=False)
    crm_leads = [
        json.loads(line)
        for line in (generated / "crm" / "leads.jsonl").read_text().splitlines()[:5]
    ]
    assert len({lead["Email"] for lead in crm_leads}) == 5  # each lead its own e-mail
    email = crm_leads[0]["Email"]
    first_day, last_first_night_day = END - timedelta(days=DAYS - 1), END - timedelta(days=NIGHTS)
    project = copy_project(root / "project")

    nightly, landing = root / "nightly.duckdb", root / "landing"
    with duckdb.connect(str(nightly)) as con:
        ensure_raw_schema(con)
        load_crm(generated, con)
    for offset in range((last_first_night_day - first_day).days + 1):
        day = first_day + timedelta(days=offset)
        place(
            day_files(generated, day)[1:] if day == LATE_DAY else day_files(generated, day), landing
        )
    write_events(landing, "zz-visitor.jsonl", visitor_page_views(last_first_night_day))
    land_and_build(
        nightly, landing, project, 0, last_first_night_day + timedelta(days=1), root / "w0"
    )
    for night in range(1, NIGHTS + 1):
        day = last_first_night_day + timedelta(days=night)
        place(day_files(generated, day), landing)
        if night == 2:
            place(day_files(generated, LATE_DAY)[:1], landing)
            promote(nightly, crm_leads[1], day)
            take_email(nightly, crm_leads[3], crm_leads[4], day)
        if night == 3:
            write_events(landing, "zz-identify.jsonl", [identify(day, email)])
            write_events(landing, "zz-correction.jsonl", [corrected(generated, first_day)])
            delete(nightly, crm_leads[2], day)
        if night == RULE_CHANGE_NIGHT:
            change_rule(project)
        land_and_build(
            nightly, landing, project, night, day + timedelta(days=1), root / f"w{night}"
        )

    refreshed = root / "refreshed.duckdb"
    shutil.copy(nightly, refreshed)
    env = {
        "LEAD_SCORING_SCORE_AS_OF": str(END + timedelta(days=1)),
        "LEAD_SCORING_TIMEZONE": "Asia/Tokyo",
    }
    result = run_dbt(
        [*BUILD, "--full-refresh"], refreshed, root / "refresh", project, extra_env=env
    )
    assert result.returncode == 0, result.stdout[-3000:]

    scratch = root / "scratch.duckdb"
    with duckdb.connect(str(scratch)) as con:
        ensure_raw_schema(con)
        load_crm(generated, con)
    promote(scratch, crm_leads[1], last_first_night_day + timedelta(days=2))
    take_email(scratch, crm_leads[3], crm_leads[4], last_first_night_day + timedelta(days=2))
    delete(scratch, crm_leads[2], last_first_night_day + timedelta(days=3))
    land_and_build(scratch, landing, project, NIGHTS, END + timedelta(days=1), root / "scratch")
    return nightly, refreshed, scratch


def mart_rows(warehouse: Path, table: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return sorted(con.execute(f"select * from marts.{table}").fetchall(), key=repr)


def mart_tables(warehouse: Path) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "order by table_name"
        ).fetchall()
    return [name for (name,) in rows]


def differences(nightly: Path, oracle: Path, tables: list[str]) -> dict:
    different = {}
    for table in tables:
        night_rows, oracle_rows = mart_rows(nightly, table), mart_rows(oracle, table)
        if night_rows != oracle_rows:
            only_night = [r for r in night_rows if r not in oracle_rows][:3]
            only_oracle = [r for r in oracle_rows if r not in night_rows][:3]
            different[table] = {"nightly only": only_night, "oracle only": only_oracle}
    return different


def test_every_mart_of_five_nights_equals_a_full_refresh(both_warehouses):
    nightly, refreshed, _ = both_warehouses
    tables = mart_tables(refreshed)
    assert mart_tables(nightly) == tables
    assert QUALIFICATION_STATE | {"lead_scores", "lead_score_reasons"} <= set(tables)
    with duckdb.connect(str(nightly), read_only=True) as con:
        [(days,)] = con.execute(
            "select count(distinct snapshot_date) from marts.lead_score_history"
        ).fetchall()
    assert days == NIGHTS + 1  # every night's snapshot is compared

    assert not differences(nightly, refreshed, tables)


def test_the_score_marts_of_five_nights_equal_a_build_from_scratch(both_warehouses):
    nightly, _, scratch = both_warehouses
    scores = [table for table in mart_tables(scratch) if table not in QUALIFICATION_STATE]
    assert {"lead_scores", "lead_behavior_scores", "lead_score_reasons"} <= set(scores)

    assert not differences(nightly, scratch, scores)


def test_the_changes_on_the_way_reached_the_scores(both_warehouses):
    # the nights were not trivially equal: the merged visitor's views count for the lead, the
    # corrected copy was not landed over the first, and the changed rule is the one in force
    nightly, _, _ = both_warehouses
    with duckdb.connect(str(nightly), read_only=True) as con:
        [(views,)] = con.execute(
            "select count(*) from staging.stg_segment__events where anonymous_id = 'anon-merge'"
        ).fetchall()
        [(corrected_paths,)] = con.execute(
            "select count(*) from raw.web_events where properties->>'path' = '/corrected'"
        ).fetchall()
        [(points,)] = con.execute(
            "select distinct points from staging.stg_scoring__behavior_rules "
            "where rule_id = 'beh_visits_30d'"
        ).fetchall()
        [(attribute_points,)] = con.execute(
            "select distinct points from intermediate.int_lead_attribute_rule_hits "
            "where rule_id = 'att_industry_it'"
        ).fetchall()
    assert (views, corrected_paths, points, attribute_points) == (4, 0, 12, 11)
    # the CRM changed too: a lead's new version (promoted to CEO), a deleted lead, and a lead
    # that took another's e-mail, which now has two leads, the earlier created its primary
    leads = (nightly.parent / "generated" / "crm" / "leads.jsonl").read_text().splitlines()
    promoted, deleted, moved, taken = (json.loads(line)["id"] for line in leads[1:5])
    with duckdb.connect(str(nightly), read_only=True) as con:
        titles = dict(
            con.execute(
                "select lead_id, job_title from staging.stg_zoho__leads where lead_id in (?, ?)",
                [promoted, deleted],
            ).fetchall()
        )
        staged_later = con.execute("""
            select lead_id from staging.stg_zoho__leads
            where _staged_by <> (
                select mode(_staged_by) from staging.stg_zoho__leads
            )
        """).fetchall()
        shared = con.execute(
            "select lead_id, email_lead_count, primary_lead_id = lead_id "
            "from intermediate.int_leads where lead_id in (?, ?) order by created_at, lead_id",
            [moved, taken],
        ).fetchall()
    assert titles == {promoted: "ceo"} or titles == {promoted: "CEO"}
    assert [(count, is_primary) for _, count, is_primary in shared] == [(2, True), (2, False)]
    # the nights after the first staged again only the leads with a new version
    assert sorted(staged_later) == sorted([(promoted,), (moved,)])


def test_the_nights_after_the_first_wrote_only_the_changed_leads_again(both_warehouses):
    # int_leads: the two leads with a new version and the lead whose e-mail was taken (the
    # deleted one is gone); int_lead_field_values: the same three, though a rule changed points
    nightly, _, _ = both_warehouses
    leads = (nightly.parent / "generated" / "crm" / "leads.jsonl").read_text().splitlines()
    promoted, deleted, moved, taken = (json.loads(line)["id"] for line in leads[1:5])
    with duckdb.connect(str(nightly), read_only=True) as con:
        written = {
            table: con.execute(f"""
                select distinct lead_id from intermediate.{table}
                where _written_at > (select min(_written_at) from intermediate.{table})
                order by lead_id
            """).fetchall()
            for table in ("int_leads", "int_lead_field_values")
        }
        [(gone,)] = con.execute(
            "select count(*) from intermediate.int_leads where lead_id = ?", [deleted]
        ).fetchall()
        [(leads_total,)] = con.execute("select count(*) from intermediate.int_leads").fetchall()
    expected = sorted([(promoted,), (moved,), (taken,)])
    assert written == {"int_leads": expected, "int_lead_field_values": expected}
    assert gone == 0
    assert leads_total == len(leads) - 1


def tokyo_day(moment: datetime) -> date:
    return moment.astimezone(ZoneInfo("Asia/Tokyo")).date()


def test_the_last_night_rewrote_only_the_days_its_events_fall_on(both_warehouses):
    # the days of the last night's events in the schedule's zone, and for web events the day
    # after (its first page view may continue a visit), read from the landed files here
    nightly, _, _ = both_warehouses
    generated = nightly.parent / "generated"
    web = [
        json.loads(line)
        for line in (generated / "web" / f"{END}.jsonl").read_text().split("\n")
        if line.strip()
    ]
    email = json.loads((generated / "email" / f"{END}.json").read_text())
    web_days = {
        tokyo_day(datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00"))) for e in web
    }
    email_days = {tokyo_day(datetime.fromtimestamp(int(e["timestamp"]), UTC)) for e in email}
    expected = web_days | {day + timedelta(days=1) for day in web_days} | email_days

    with duckdb.connect(str(nightly), read_only=True) as con:
        [(stored_days,)] = con.execute(
            "select count(distinct activity_day) from intermediate.int_activity_events"
        ).fetchall()
        rewritten = con.execute("""
            with stored as (select * from intermediate.int_activity_events)
            select distinct activity_day from stored
            where _written_by = (
                select max(_written_by) from stored
                where activity_day = (select max(activity_day) from stored)
            )
        """).fetchall()
    assert {day for (day,) in rewritten} == expected
    assert stored_days > len(expected) + 5  # the other nights' days were left alone


def test_attributes_were_scored_again_only_after_the_rule_change(both_warehouses):
    # every lead's attribute hits were scored on the rule-change night (the promoted lead's
    # new title, scored on night 2, too), and the last night, with no lead changed, scored none
    nightly, _, _ = both_warehouses
    with duckdb.connect(str(nightly), read_only=True) as con:
        scored_by = con.execute(
            "select distinct _written_by from intermediate.int_lead_attribute_rule_hits"
        ).fetchall()
        [(last_night,)] = con.execute("""
            select max(_written_by) from intermediate.int_activity_events
            where activity_day = (select max(activity_day) from intermediate.int_activity_events)
        """).fetchall()
    assert len(scored_by) == 1
    assert scored_by[0][0] != last_night


# the models kept a lead at a time: each row holds its lead's inputs fingerprint; a night
# computes again only the leads whose fingerprint changed
KEPT_BY_LEAD = (
    "int_lead_attribute_rule_hits",
    "int_lead_qualification_checks",
    "int_lead_score_totals",
)


def kept_rows(warehouse: Path, table: str) -> list[tuple]:
    """A kept table's rows but the dbt run that wrote them."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return sorted(
            con.execute(f"select * exclude (_written_by) from intermediate.{table}").fetchall(),
            key=repr,
        )


def test_the_tables_kept_a_lead_at_a_time_equal_a_full_refresh(both_warehouses):
    # fingerprints included: a full refresh computes the same ones the nights kept
    nightly, refreshed, _ = both_warehouses
    for table in KEPT_BY_LEAD:
        night_rows, oracle_rows = kept_rows(nightly, table), kept_rows(refreshed, table)
        assert night_rows, table
        assert night_rows == oracle_rows, table


def test_the_checks_and_score_totals_are_computed_again_only_for_changed_inputs(
    both_warehouses, tmp_path
):
    # a second run of the last night changes no lead's inputs: no lead's checks or score
    # totals are computed again; a changed criterion checks every lead again, a changed
    # Japanese label sums every lead's hits again (a copy: the tests above read the nightly
    # one)
    nightly, _, _ = both_warehouses
    warehouse = tmp_path / "rerun.duckdb"
    shutil.copy(nightly, warehouse)
    project = copy_project(tmp_path / "project")
    env = {
        "LEAD_SCORING_SCORE_AS_OF": str(END + timedelta(days=1)),
        "LEAD_SCORING_TIMEZONE": "Asia/Tokyo",
    }
    kept = ["int_lead_qualification_checks", "int_lead_score_totals"]

    def written(table: str) -> list[tuple]:
        return sorted(query(warehouse, f"select lead_id, _written_by from intermediate.{table}"))

    def build(*select: str, work: str) -> str:
        result = run_dbt(
            ["build", "--exclude-resource-type", "unit_test", "--select", *select],
            warehouse,
            tmp_path / work,
            project,
            extra_env=env,
        )
        assert result.returncode == 0, result.stdout[-3000:]
        return result.stdout

    before = {table: written(table) for table in kept}
    build(*kept, work="w1")
    assert {table: written(table) for table in kept} == before

    edit_seed(
        project,
        "qualification_criteria",
        "mql_total_score,mql,total_score,total_score,>=,30,Total score 30+",
        "mql_total_score,mql,total_score,total_score,>=,31,Total score 31+",
    )
    edit_seed(project, "score_rule_labels_ja", "価格表ダウンロード", "価格表のダウンロード")
    log = build(
        "qualification_criteria",
        "int_qualification_criteria",
        "score_rule_labels_ja",
        "stg_locale__rule_labels_ja",
        *kept,
        work="w2",
    )
    assert "checking every lead again" in log
    assert "summing every lead's hits again" in log
    for table in kept:
        after = written(table)
        assert [lead for lead, _ in after] == [lead for lead, _ in before[table]], table
        written_by = {run for _, run in after}
        assert len(written_by) == 1, table
        assert written_by.isdisjoint(run for _, run in before[table]), table
