"""The hidden truth shows through: intent drives behaviour, fit and outcome, with noise."""

from collections import Counter

import numpy as np
import pandas as pd

from lead_scoring.generator import vocab


def _spearman(x, y) -> float:
    return float(np.corrcoef(pd.Series(x).rank(), pd.Series(y).rank())[0, 1])


def _auc(score, label) -> float:
    ranks = pd.Series(score).rank().to_numpy()
    label = np.asarray(label, bool)
    pos, neg = label.sum(), (~label).sum()
    return float((ranks[label].sum() - pos * (pos + 1) / 2) / (pos * neg))


def _truth(dataset) -> pd.DataFrame:
    truth = pd.DataFrame(dataset.truth())
    truth["true_intent"] = truth["true_intent"].astype(float)
    for col in ("converted", "won"):
        truth[col] = truth[col] == "true"
    truth["key"] = truth["email"].str.strip().str.lower()
    return truth.drop_duplicates("key")  # duplicate records carry the same truth


def _web_activity(web_events) -> Counter:
    """Web events per e-mail address, attaching anonymous history through identify."""
    email_of = {
        e["anonymousId"]: e["traits"]["email"] for e in web_events if e["type"] == "identify"
    }
    return Counter(email_of[e["anonymousId"]] for e in web_events if e["anonymousId"] in email_of)


def test_intent_drives_web_and_email_behaviour(dataset, web_events, email_events):
    truth = _truth(dataset)
    web = _web_activity(web_events)
    clicks = Counter(e["email"] for e in email_events if e["event"] in ("open", "click"))
    truth["web"] = truth["key"].map(web).fillna(0)
    truth["mail"] = truth["key"].map(clicks).fillna(0)
    assert 0.4 < _spearman(truth["true_intent"], truth["web"]) < 0.95  # strong, not perfect
    assert _spearman(truth["true_intent"], truth["mail"]) > 0.3
    assert _auc(truth["web"], truth["converted"]) > 0.75


def test_buying_signals_come_from_high_intent_leads(dataset, web_events):
    truth = _truth(dataset).set_index("key")
    email_of = {
        e["anonymousId"]: e["traits"]["email"] for e in web_events if e["type"] == "identify"
    }
    signals = {("File Downloaded", "price_list"), ("Form Submitted", "quote_request")}
    strong = {
        email_of[e["anonymousId"]]
        for e in web_events
        if e["type"] == "track"
        and e["anonymousId"] in email_of
        and (e["event"], next(iter(e["properties"].values()))) in signals
    }
    signalled = truth.index.isin(list(strong))
    assert truth["true_intent"][signalled].mean() > 2 * truth["true_intent"][~signalled].mean()


def test_fit_is_partly_driven_by_intent(leads, dataset):
    truth = _truth(dataset).set_index("key")
    frame = pd.DataFrame(leads)
    frame["intent"] = frame["Email"].str.strip().str.lower().map(truth["true_intent"])
    boss = frame[frame["Decision_Maker"]]["intent"].mean()
    staff = frame[~frame["Decision_Maker"]]["intent"].mean()
    soon = frame[frame["Purchase_Timeline"] == "Within 3 months"]["intent"].mean()
    late = frame[frame["Purchase_Timeline"] == "Over 12 months"]["intent"].mean()
    it = frame["Industry"] == "IT / Software"
    assert boss > staff * 1.2 and soon > late * 1.5
    assert frame[it]["intent"].mean() > frame[~it]["intent"].mean()
    assert _spearman(frame["intent"], frame["Estimated_Budget"].fillna(0)) > 0.1


def test_outcome_follows_intent(dataset):
    truth = pd.DataFrame(_truth(dataset))
    assert 0.03 < truth["converted"].mean() < 0.2
    assert (truth["won"] <= truth["converted"]).all()
    assert _auc(truth["true_intent"], truth["converted"]) > 0.85


def test_some_leads_are_duplicates_typed_differently(leads):
    raw = Counter(lead["Email"] for lead in leads)
    clean = Counter(lead["Email"].strip().lower() for lead in leads)
    duplicates = [email for email, count in clean.items() if count > 1]
    assert 5 <= len(duplicates) <= 20
    assert all(raw[email] <= 1 for email in duplicates)  # never the same spelling twice
    assert any(lead["Email"] != lead["Email"].strip() for lead in leads)


def test_negative_signals_in_the_population(leads):
    domains = Counter(lead["Email"].strip().lower().split("@")[1] for lead in leads)
    assert sum(domains[d] for d in vocab.FREE_MAIL_DOMAINS) >= 20
    assert domains[vocab.COMPETITOR[1]] >= 1


def test_bant_from_none_to_all_on_worked_leads_only(leads):
    def bant(lead):
        return sum(
            [
                lead["Budget_Approved"] is True,
                lead["Authority_Confirmed"] is True,
                bool(lead["Pain_Documented"]),
                lead["Confirmed_Timeline"] == "Within 3 months",
            ]
        )

    worked = [lead for lead in leads if lead["Lead_Status"] != "Not Contacted"]
    untouched = [lead for lead in leads if lead["Lead_Status"] == "Not Contacted"]
    counts = Counter(bant(lead) for lead in worked if lead["Sales_Disposition"])
    assert counts[0] > 0 and counts[4] > 0
    assert all(
        lead["Budget_Approved"] is None and lead["MEDDIC_Champion"] is None for lead in untouched
    )
    assert any(lead["MEDDIC_Champion"] for lead in worked)
    assert {lead["Deal_Outcome"] for lead in worked} >= {"Won", "Lost"}
