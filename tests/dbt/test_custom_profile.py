"""A company outside the lesson's vocabulary scores its own leads by configuration alone.

The profile below names fields and activities the lesson never uses: a numeric custom field
("Total Time on Site"), a categorical one ("Lead Channel"), a boolean ("Do Not Call"), a
custom web event with a numeric property ("Video Watched", seconds), imported activities
counted ("Live Chat") and summed ("Page Visited", Seconds), with identity by an external id.
It is seed rows and a mapping file in a folder of its own; the repository's dbt project runs
unchanged (only LEAD_SCORING_PROFILE_DIR points at the folder). Expected scores are worked
out by hand below.
"""

import json
import os
import shutil

import duckdb
import pytest

from .dbt_helpers import PROJECT, create_raw_warehouse, query, run_dbt, vars_arg
from .dbt_sample_rows import AS_OF, iso, web

ATTRIBUTE_RULES = """\
rule_id,category,exclusive_group,priority,field,match,match_values,min_value,max_value,points,flag,label
cust_channel,channel,channel,,Lead Channel,equals,Partner|Referral,,,15,,Channel: partner or ref.
cust_channel_unknown,channel,channel,,Lead Channel,missing,,,,-5,,Channel unknown
cust_time_900,engagement,,,Total Time on Site,band,,900,,20,,Time on site 900 s+
cust_do_not_call,contact,,,Do Not Call,true,,,,-10,,Asked not to be called
"""
BEHAVIOR_RULES = """\
rule_id,category,exclusive_group,activity,where_property,where_values,aggregate,property,min_value,max_value,window_days,decay_after_days,decay_factor,points,label
beh_video_300,video,,video_watched,,,sum,seconds,300,,30,,,12,Video watched 5+ min
beh_chat_2,chat,,live_chat,,,count,,2,,30,,,8,Two live chats
beh_pages_600,web,,page_visited,,,sum,Seconds,600,,30,,,6,Pages read 10+ min
"""
CAPS = "category,min_points,max_points,label\n"
TIERS = "tier,min_score,max_score\nHot,40,\nWarm,20,40\nCold,,20\n"
MAPPING = """\
entity,role,column,type,values
leads,id,Lead Number,text,
leads,external_id,Prospect ID,text,
leads,email,Email,text,
leads,created_at,Created,timestamp,
leads,field,Lead Channel,text,
leads,field,Total Time on Site,number,
leads,field,Do Not Call,boolean,
leads,outcome,Converted,text,1|yes
leads,lost,Lead Stage,text,Lost
activities,lead_ref,Prospect ID,text,external_id
activities,name,Activity,text,
activities,occurred_at,Time,timestamp,
activities,field,Seconds,number,
"""


def imported_lead(lead_id: str, external_id: str, email: str | None, fields: dict) -> dict:
    """A row as `lead-scoring import leads` lands it (fields keep the file's column names)."""
    return {
        "lead_id": lead_id,
        "external_id": external_id,
        "email": email,
        "created_at": "2026-10-01T00:00:00Z",
        "fields": json.dumps(fields),
        "_record_hash": f"h-{lead_id}",
    }


def imported_activity(activity_id: str, ref: str, name: str, days: float, **props) -> dict:
    return {
        "activity_id": activity_id,
        "lead_ref": ref,
        "lead_ref_type": "external_id",
        "activity": name,
        "occurred_at": iso(days),
        "properties": json.dumps(props),
    }


LEADS = [
    imported_lead(
        "101",
        "P-1",
        "ana@north.example",
        {
            "Lead Channel": "Partner",
            "Total Time on Site": 1250,
            "Do Not Call": False,
            "Converted": "1",
        },
    ),
    imported_lead(
        "102",
        "P-2",
        "ben@south.example",
        {"Lead Channel": "Cold Call", "Total Time on Site": 899, "Do Not Call": True},
    ),
    # no e-mail: its activities reach it by the external id alone
    imported_lead("103", "P-3", None, {"Lead Channel": "referral", "Total Time on Site": 900}),
    # converted and lost: lost wins, never converted
    imported_lead("104", "P-4", "dee@west.example", {"Converted": "yes", "Lead Stage": "Lost"}),
]
ACTIVITIES = [
    imported_activity("a1", "P-2", "Live Chat", 2),
    imported_activity("a2", "P-2", "Live Chat", 4),
    imported_activity("a3", "P-3", "Live Chat", 1),
    imported_activity("a4", "P-3", "Page Visited", 3, Seconds=400),
    imported_activity("a5", "P-3", "Page Visited", 10, Seconds=250),
    imported_activity("a6", "P-1", "Page Visited", 40, Seconds=700),  # outside 30 days
    imported_activity("a7", "P-9", "Live Chat", 1),  # no such lead
    imported_activity("a8", "P-9", "Live Chat", 2),
]
WEB_EVENTS = [
    web("v1", "identify", "anon-ana", 6, traits={"email": "Ana@North.example"}),
    web("v2", "track", "anon-ana", 5, event="Video Watched", properties={"seconds": 150}),
    web("v3", "track", "anon-ana", 3, event="Video Watched", properties={"seconds": 200}),
    web("v4", "identify", "anon-ben", 6, traits={"email": "ben@south.example"}),
    web("v5", "track", "anon-ben", 2, event="Video Watched", properties={"seconds": 299}),
]

# lead -> (attribute, behavior, total, tier, reasons), by hand:
# 101: Partner +15, 1250 s >= 900 +20, Do Not Call false; videos 150 + 200 = 350 >= 300 +12
#      (its Page Visited is 40 days old, outside the 30-day window)
# 102: Cold Call, 899 < 900, Do Not Call -10; video 299 < 300; two chats +8
# 103: "referral" (any case) +15, 900 s +20 (the band includes its minimum); one chat;
#      pages 400 + 250 = 650 >= 600 +6
# 104: no channel -5; nothing else
EXPECTED = {
    "101": (
        35,
        12,
        47,
        "Hot",
        "Time on site 900 s+ +20; Channel: partner or ref. +15; Video watched 5+ min +12",
    ),
    "102": (-10, 8, -2, "Cold", "Asked not to be called -10; Two live chats +8"),
    "103": (
        35,
        6,
        41,
        "Hot",
        "Time on site 900 s+ +20; Channel: partner or ref. +15; Pages read 10+ min +6",
    ),
    "104": (-5, 0, -5, "Cold", "Channel unknown -5"),
}


def build(warehouse, work, profile, *args: str):
    """`dbt build` of the warehouse with the profile, as of AS_OF."""
    as_of = AS_OF.strftime("%Y-%m-%dT%H:%M:%S")
    return run_dbt(
        ["build", "--exclude-resource-type", "unit_test", *vars_arg(as_of), *args],
        warehouse,
        work,
        # relative to dbt_project/, as dbt's seed-paths takes it (an absolute seed path makes
        # dbt write its compiled output over the seed files)
        extra_env={"LEAD_SCORING_PROFILE_DIR": os.path.relpath(profile, PROJECT)},
    )


@pytest.fixture(scope="module")
def custom_build(tmp_path_factory):
    work = tmp_path_factory.mktemp("custom")
    profile = work / "profile"
    profile.mkdir()
    for name, text in {
        "score_attribute_rules": ATTRIBUTE_RULES,
        "score_behavior_rules": BEHAVIOR_RULES,
        "score_category_caps": CAPS,
        "score_tiers": TIERS,
        "lead_mapping": MAPPING,
    }.items():
        (profile / f"{name}.csv").write_text(text, encoding="utf-8")
    warehouse = work / "warehouse.duckdb"
    create_raw_warehouse(
        warehouse,
        {"import_leads": LEADS, "import_activities": ACTIVITIES, "web_events": WEB_EVENTS},
    )
    result = build(warehouse, work, profile)
    yield warehouse, result
    assert (profile / "score_tiers.csv").read_text(encoding="utf-8") == TIERS  # left as written
    shutil.rmtree(work, ignore_errors=True)


def test_the_build_passes_every_data_test_with_the_custom_profile(custom_build):
    _, result = custom_build
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_every_lead_scores_what_the_hand_computation_says(custom_build):
    warehouse, result = custom_build
    assert result.returncode == 0, result.stdout[-4000:]
    rows = query(
        warehouse,
        "select lead_id, attribute_score, behavior_score, total_score, tier, score_reasons "
        "from marts.lead_scores order by lead_id",
    )
    assert {row[0]: row[1:] for row in rows} == EXPECTED


def test_the_outcome_comes_from_the_mapping_and_lost_is_never_converted(custom_build):
    warehouse, _ = custom_build
    rows = query(
        warehouse,
        "select lead_id, is_converted from marts.lead_qualification order by lead_id",
    )
    assert rows == [("101", True), ("102", False), ("103", False), ("104", False)]


def test_a_new_version_of_an_imported_lead_is_scored_by_the_next_build(custom_build, tmp_path):
    # 104 is now a partner lead with 101's e-mail: +15 for the channel, and 101's videos (350
    # s >= 300, +12) reach it through the shared e-mail; 27 is Warm. The next build writes
    # int_leads and int_lead_field_values again for 104 and 101 (the e-mail's lead count and
    # primary lead) only, and gives what a full refresh gives
    warehouse, result = custom_build
    assert result.returncode == 0, result.stdout[-4000:]
    nightly, refreshed = tmp_path / "nightly.duckdb", tmp_path / "refreshed.duckdb"
    shutil.copy(warehouse, nightly)
    version = {
        **imported_lead(
            "104",
            "P-4",
            "ana@north.example",
            {"Lead Channel": "Partner", "Converted": "yes", "Lead Stage": "Lost"},
        ),
        "_record_hash": "h-104-2",
        "_loaded_at": "2026-11-20 23:00:00+00",
        "_source": "test",
        "_load_id": "load-2",
    }
    with duckdb.connect(str(nightly)) as con:
        names = ", ".join(f'"{name}"' for name in version)
        marks = ", ".join("?" for _ in version)
        con.execute(f"insert into raw.import_leads ({names}) values ({marks})", [*version.values()])
    profile = warehouse.parent / "profile"
    result = build(nightly, tmp_path / "nightly", profile)
    assert result.returncode == 0, result.stdout[-4000:]
    shutil.copy(nightly, refreshed)
    result = build(refreshed, tmp_path / "refreshed", profile, "--full-refresh")
    assert result.returncode == 0, result.stdout[-4000:]

    scores = "select lead_id, attribute_score, behavior_score, total_score, tier, score_reasons, "
    scores += "email_lead_count, primary_lead_id from marts.lead_scores order by lead_id"
    expected = {
        **{lead: (*EXPECTED[lead], 1, lead) for lead in ("102", "103")},
        "101": (*EXPECTED["101"], 2, "101"),
        "104": (15, 12, 27, "Warm", "Channel: partner or ref. +15; Video watched 5+ min +12", 2,
                "101"),
    }  # fmt: skip
    assert {row[0]: row[1:] for row in query(nightly, scores)} == expected
    for table, columns in [
        ("int_leads", "* exclude (_written_at)"),
        ("int_lead_field_values", "* exclude (_written_at)"),
        ("lead_scores", "* exclude (scored_at)"),
    ]:
        schema = "marts" if table == "lead_scores" else "intermediate"
        sql = f"select {columns} from {schema}.{table} order by all"
        assert query(nightly, sql) == query(refreshed, sql), table
    for table in ("int_leads", "int_lead_field_values"):
        written = query(
            nightly,
            f"select distinct lead_id from intermediate.{table} where _written_at = "
            f"(select max(_written_at) from intermediate.{table}) order by lead_id",
        )
        assert written == [("101",), ("104",)], table
