"""`lead-scoring profile` on imported files whose conversion per value is known by hand."""

import csv

from lead_scoring.cli import main
from tests.imports.conftest import run_import

HEADER = "Lead Number,Account,Email,Created,Converted,Employees,Channel,Opted In\n"


def _leads() -> str:
    """40 Web leads (20 converted), 40 Ads leads (4 converted): 24 of 80 overall, 30%.
    Employees 1..80: the quintile edges (first value with 20%, 40%... of leads) are 16, 32,
    48, 64."""
    rows = []
    for i in range(1, 81):
        web = i <= 40
        converted = "yes" if (web and i <= 20) or (not web and i <= 44) else "no"
        rows.append(
            f"L{i},A-{i},l{i}@example.com,2026-01-02,{converted},{i},{'Web' if web else 'Ads'},"
        )
    return HEADER + "\n".join(rows) + "\n"


def _rules(path) -> dict[str, dict]:
    with path.open() as f:
        return {row["rule_id"]: row for row in csv.DictReader(f)}


def test_profile_prints_conversion_per_value_and_writes_starter_seeds(workspace, capsys):
    (workspace / "leads.csv").write_text(_leads())
    activity = "Event Id,Account,Activity,When,Seconds\n"
    activity += "".join(f"e{i},A-{i},Demo Booked,2026-01-03,{i * 60}\n" for i in range(1, 11))
    (workspace / "activities.csv").write_text(activity)
    run_import(workspace, "leads", workspace / "leads.csv")
    run_import(workspace, "activities", workspace / "activities.csv")
    capsys.readouterr()

    mapping = str(workspace / "lead_mapping.csv")
    out = workspace / "starter"
    assert main(["profile", "--mapping", mapping, "--out", str(out)]) == 0

    printed = capsys.readouterr().out
    assert "Profile of 80 leads from raw.import_leads: 24 converted (30.0%)" in printed
    assert "Channel  (text, filled 100%, 2 distinct)" in printed
    assert "Opted In  (boolean, filled 0%, 0 distinct)" in printed
    assert "activity demo_booked  (10 events, 10 leads)" in printed
    rules = _rules(out / "score_attribute_rules.csv")
    # Web: 20/40 = 50% vs 30% -> lift 1.667, 10 x log2(1.667) = 7.4 -> 5 points
    # Ads: 4/40 = 10% vs 30% -> lift 0.333, 10 x log2(0.333) = -15.8 -> -15 points
    web, ads = rules["attr_channel_web"], rules["attr_channel_ads"]
    assert (web["match"], web["match_values"], web["points"]) == ("equals", "Web", "5")
    assert (ads["field"], ads["points"], ads["exclusive_group"]) == ("Channel", "-15", "channel")
    assert "lift 1.67x: 50% converted vs 30% overall (n=40)" in web["label"]
    bands = [(r["min_value"], r["max_value"]) for r in rules.values() if r["field"] == "Employees"]
    assert bands == [("", "16"), ("16", "32"), ("32", "48"), ("48", "64"), ("64", "")]
    behavior = _rules(out / "score_behavior_rules.csv")
    demo = behavior["beh_demo_booked_count_1_2"]
    assert (demo["activity"], demo["aggregate"], demo["min_value"], demo["max_value"]) == (
        "demo_booked",
        "count",
        "1",
        "2",
    )
    assert demo["points"] == "0" and "only 10 leads" in demo["label"]
    assert sorted(p.name for p in out.iterdir()) == [
        "lead_mapping.csv",
        "profile.txt",
        "score_attribute_rules.csv",
        "score_behavior_rules.csv",
        "score_category_caps.csv",
        "score_tiers.csv",
    ]


def test_a_lost_lead_never_counts_as_converted_and_any_outcome_column_counts(workspace, capsys):
    mapping = workspace / "lead_mapping.csv"
    rows = mapping.read_text().replace(
        "leads,field,Channel,text,\n",
        "leads,field,Channel,text,\nleads,outcome,Channel,text,Won\nleads,lost,Opted In,text,no\n",
    )
    mapping.write_text(rows)
    # L1 converted (Converted=yes); L2 converted by Channel=Won but lost (Opted In=no);
    # L3 converted by Channel=Won; L4 neither: 2 of 4 converted
    leads = HEADER + "L1,,,,yes,1,Web,\nL2,,,,no,2,Won,no\nL3,,,,no,3,Won,yes\nL4,,,,no,4,Ads,\n"
    (workspace / "leads.csv").write_text(leads)
    run_import(workspace, "leads", workspace / "leads.csv")
    capsys.readouterr()

    assert main(["profile", "--mapping", str(mapping)]) == 0

    assert (
        "Profile of 4 leads from raw.import_leads: 2 converted (50.0%)" in capsys.readouterr().out
    )
