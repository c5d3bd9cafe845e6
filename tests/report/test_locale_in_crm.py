"""With LEAD_SCORING_LOCALE=ja the CRM gets Japanese Score_Reasons (the labels of seed
score_rule_labels_ja) and the lesson's 優先対応 tag; with en, the English ones and Priority."""

import csv
import re

import duckdb

from lead_scoring import settings
from tests.reverse_etl.helpers import crm_state

LABELS_JA = settings.DBT_PROJECT_DIR / "seeds" / "score_rule_labels_ja.csv"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _labels_ja() -> dict[str, str]:
    with LABELS_JA.open(encoding="utf-8") as handle:
        return {row["rule_id"]: row["label_ja"] for row in csv.DictReader(handle)}


def _expected_reasons_ja(warehouse) -> dict[str, str]:
    """Each lead's reasons assembled here from its rule hits: attribute rules first, cap
    adjustments last in their score type, then by points (largest first) and rule id."""
    labels = _labels_ja()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        hits = con.execute(
            "select lead_id, rule_id, score_type, points, is_cap_adjustment "
            "from intermediate.int_lead_score_rule_hits where points <> 0"
        ).fetchall()
        leads = [row[0] for row in con.execute("select lead_id from marts.lead_scores").fetchall()]
    by_lead: dict[str, list] = {lead: [] for lead in leads}
    for lead_id, rule_id, score_type, points, is_cap in hits:
        key = (score_type != "attribute", is_cap, -points, rule_id)
        by_lead[lead_id].append((key, f"{labels[rule_id]} {'+' if points > 0 else ''}{points}"))
    return {lead: "; ".join(text for _, text in sorted(rows)) for lead, rows in by_lead.items()}


def test_a_ja_run_writes_japanese_score_reasons_and_the_priority_tag(japanese_pii_free_run):
    leads, tasks = crm_state(japanese_pii_free_run.sandbox)
    expected = _expected_reasons_ja(japanese_pii_free_run.warehouse)
    assert {lead: leads[lead]["Score_Reasons"] or "" for lead in expected} == expected
    tagged = {lead for lead, record in leads.items() if record["tags"]}
    assert tagged, "the small data set has hand-offs"
    assert all(leads[lead]["tags"] == ["優先対応"] for lead in tagged)
    assert {what_id for what_id, *_ in tasks} == tagged
    price_list = [r for r in expected.values() if "価格表ダウンロード +20" in r]
    assert price_list, "the lesson's wording reaches the CRM"


def test_an_en_run_keeps_english_reasons_and_the_priority_tag(english_run):
    leads, _ = crm_state(english_run.sandbox)
    with duckdb.connect(str(english_run.warehouse), read_only=True) as con:
        english = dict(
            con.execute("select lead_id, score_reasons from marts.lead_scores").fetchall()
        )
    assert {lead: leads[lead]["Score_Reasons"] or "" for lead in english} == english
    assert not any(JAPANESE.search(reasons) for reasons in english.values())
    tagged = [record["tags"] for record in leads.values() if record["tags"]]
    assert tagged and all(tags == ["Priority"] for tags in tagged)


def test_every_rule_and_cap_of_the_lesson_profile_has_a_japanese_label():
    seeds = settings.DBT_PROJECT_DIR / "profiles" / "lesson"
    wanted = set()
    for name in ("score_attribute_rules", "score_behavior_rules"):
        with (seeds / f"{name}.csv").open(encoding="utf-8") as handle:
            wanted |= {row["rule_id"] for row in csv.DictReader(handle)}
    with (seeds / "score_category_caps.csv").open(encoding="utf-8") as handle:
        wanted |= {f"cap:{row['category']}" for row in csv.DictReader(handle)}
    labels = _labels_ja()
    assert wanted - set(labels) == set()
    assert all(JAPANESE.search(label) for label in labels.values())
