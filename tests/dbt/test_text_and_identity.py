"""Cases 4 and 5 of issue 11, on a real `dbt build`: full-width and mixed text is read as the
plain text it stands for (NFKC in staging; English words glued to Japanese are words), and
`name+tag@domain` is the same person as `name@domain` (per-domain, the raw address kept).

Expected points are the lesson profile's seeds (score_attribute_rules, score_behavior_rules):
a decision-maker title 30 (an unmatched one is "other role", 15), capital region 10, purchase
within 3 months 15, one website visit in 30 days 10."""

import json
import shutil

import pytest

from .dbt_helpers import create_raw_warehouse, query, run_dbt
from .dbt_sample_rows import AS_OF, lead, web

SCORE_AS_OF = AS_OF.strftime("%Y-%m-%dT%H:%M:%S")
LEADS = [
    lead("2001", "ceo@eta.co.jp", designation="ＣＥＯ"),
    lead("2002", "gm@eta.co.jp", designation="Ｇｅｎｅｒａｌ\u3000Ｍａｎａｇｅｒ"),
    lead("2003", "it@eta.co.jp", designation="IT部Director"),
    lead("2004", "buyer@eta.co.jp", designation="購買Manager"),
    lead("2005", "tokyo@eta.co.jp", state="Ｔｏｋｙｏ"),
    lead("2006", "soon@eta.co.jp", purchase_timeline="Ｗｉｔｈｉｎ\u3000３\u3000ｍｏｎｔｈｓ"),
    lead("2007", "taro@eta.co.jp"),
    lead("2008", "ops@noplus.co.jp"),  # a domain where + is part of the mailbox name
]
WEB_EVENTS = [
    web("i7", "identify", "anon-7", 2, traits={"email": "Taro+News@Eta.co.jp"}),
    web("p7", "page", "anon-7", 1, name="Home", properties={"path": "/"}),
    web("i8", "identify", "anon-8", 2, traits={"email": "ops+billing@noplus.co.jp"}),
    web("p8", "page", "anon-8", 1, name="Home", properties={"path": "/"}),
]
VARS = {"score_as_of": SCORE_AS_OF, "email_subaddress_separators": {"*": "+", "noplus.co.jp": ""}}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    work = tmp_path_factory.mktemp("text")
    path = work / "warehouse.duckdb"
    create_raw_warehouse(path, {"crm_leads": LEADS, "web_events": WEB_EVENTS})
    result = run_dbt(["build", "--vars", json.dumps(VARS)], path, work)
    assert result.returncode == 0, result.stdout[-4000:]
    yield path
    shutil.rmtree(work, ignore_errors=True)


def _scores(warehouse) -> dict[str, tuple]:
    rows = query(
        warehouse,
        "select lead_id, is_decision_maker_involved, attribute_score, behavior_score "
        "from marts.lead_scores",
    )
    return {row[0]: row[1:] for row in rows}


def test_full_width_and_glued_titles_match_their_keywords(warehouse):
    scores = _scores(warehouse)
    for lead_id in ("2001", "2002", "2003", "2004"):
        assert scores[lead_id][:2] == (True, 30), lead_id


def test_a_full_width_state_and_timeline_match_their_rules(warehouse):
    scores = _scores(warehouse)
    assert scores["2005"][1] == 10  # capital region
    assert scores["2006"][1] == 15  # within 3 months


def test_staging_hands_on_normalised_text(warehouse):
    rows = query(
        warehouse,
        "select lead_id, job_title, state from staging.stg_zoho__leads "
        "where lead_id in ('2001', '2002', '2005') order by 1",
    )
    assert rows == [
        ("2001", "CEO", None),
        ("2002", "General Manager", None),
        ("2005", None, "Tokyo"),
    ]


def test_a_tagged_address_is_the_same_person_and_the_raw_address_is_kept(warehouse):
    scores = _scores(warehouse)
    assert scores["2007"][2] == 10  # one website visit in 30 days
    raw = query(
        warehouse,
        "select identified_email, identified_email_as_sent from staging.stg_segment__events "
        "where event_id = 'i7'",
    )
    assert raw == [("taro@eta.co.jp", "Taro+News@Eta.co.jp")]


def test_sub_address_folding_is_configured_per_domain(warehouse):
    assert _scores(warehouse)["2008"][2] == 0  # noplus.co.jp: '+billing' is another mailbox
