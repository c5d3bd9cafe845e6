"""The lead population: one row per CRM lead record, people first, then ~1% duplicate records.

Rows [0, persons) are distinct people who browse and receive e-mail; rows after that are
duplicate CRM records of some of those people (same address typed differently) and have no
behaviour of their own.
"""

from dataclasses import dataclass

import numpy as np

from lead_scoring.generator import companies, crm_profile, intent, people, vocab
from lead_scoring.generator.marketing_calendar import Calendar
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.timeline import DAY_MS, Window, business_ms_of_day

DUPLICATE_SHARE = 0.01
FREE_MAIL_SHARE = 0.05
COMPETITOR_SHARE = 0.005
PRE_WINDOW_SHARE = 0.2  # leads already in the CRM before the window (older imports and forms)
SOURCE_SHARES = np.array([35, 15, 15, 15, 8, 12], dtype=float)  # order of vocab.LEAD_SOURCES
ZOHO_ID_BASE = 6_401_993_000_000_000_000  # org prefix; ids stay 19 digits
EMAIL_KINDS = ("work", "free_mail", "competitor")


@dataclass
class Leads:
    persons: int
    person: np.ndarray  # row -> person row (itself, or the original for a duplicate)
    lead_id: np.ndarray  # int64, 19 digits, increasing with creation time
    first_name: np.ndarray
    last_name: np.ndarray
    title: np.ndarray
    decision_maker: np.ndarray
    company: np.ndarray  # name
    industry: np.ndarray
    employees: np.ndarray
    growth: np.ndarray
    state: np.ndarray
    email: np.ndarray  # as typed into the CRM (duplicates are messy)
    esp_email: np.ndarray  # canonical address the e-mail platform sends to
    email_kind: np.ndarray  # index into EMAIL_KINDS
    intent: np.ndarray
    behavior: np.ndarray  # how engaged the person acts (intent, except for competitors)
    activity: np.ndarray  # per-person noise on every behavioural rate
    budget: np.ndarray
    timeline: np.ndarray
    source: np.ndarray
    created_ms: np.ndarray
    owner: np.ndarray
    converted: np.ndarray
    won: np.ndarray
    crm_known: dict[str, np.ndarray]  # field -> records whose CRM profile holds it

    def __len__(self) -> int:
        return len(self.person)


def make_leads(seed: int, n: int, window: Window, calendar: Calendar) -> Leads:
    persons = n - int(round(n * DUPLICATE_SHARE))
    rng = stream(seed, "leads")
    firm = companies.make_companies(rng, max(10, persons // 3))
    cols = _person_columns(rng, persons, firm)
    cols["source"] = rng.choice(6, persons, p=SOURCE_SHARES / SOURCE_SHARES.sum())
    cols["created_ms"] = _created(rng, cols["source"], window, calendar)
    cols["owner"] = rng.integers(0, len(vocab.SALES_REPS), persons)
    cols["converted"], cols["won"] = intent.outcomes(rng, cols["intent"])
    cols["person"] = np.arange(persons)
    cols = _with_duplicates(rng, cols, n - persons, window)
    order = np.argsort(cols["created_ms"], kind="stable")
    cols["lead_id"] = np.empty(n, np.int64)
    cols["lead_id"][order] = ZOHO_ID_BASE + 100_000_000 + 3 * np.arange(n, dtype=np.int64) + 1
    cols["crm_known"] = crm_profile.known_fields(seed, cols["intent"])
    return Leads(persons=persons, **cols)


def _person_columns(rng: np.random.Generator, n: int, firm: companies.Companies) -> dict:
    company = rng.integers(0, len(firm), n)
    kind = rng.choice(
        3, n, p=[1 - FREE_MAIL_SHARE - COMPETITOR_SHARE, FREE_MAIL_SHARE, COMPETITOR_SHARE]
    )
    rival = kind == 2
    dm = intent.decision_makers(rng, n)
    first, last, romaji = people.names(rng, n)
    employees = np.where(rival, 350, firm.employees[company])
    true_intent = intent.true_intent(rng, firm.fit[company], dm)
    true_intent = np.where(kind == 1, np.round(true_intent * 0.6, 4), true_intent)
    true_intent = np.where(rival, 0.01, true_intent)  # they never buy ...
    behavior = np.where(rival, 0.55, true_intent)  # ... but study our pricing closely
    return {
        "first_name": first,
        "last_name": last,
        "title": people.titles(rng, dm),
        # Enrichment mostly agrees with the title; a few records are wrong either way.
        "decision_maker": dm ^ (rng.random(n) < 0.03),
        "company": np.where(rival, vocab.COMPETITOR[0], firm.name[company]),
        "industry": np.where(rival, vocab.IT_INDUSTRY, firm.industry[company]),
        "employees": employees,
        "growth": np.where(rival, 14.5, firm.growth[company]),
        "state": np.where(rival, 0, firm.state[company]),
        **_addresses(rng, kind, romaji, firm.domain[company]),
        "intent": true_intent,
        "behavior": behavior,
        "activity": rng.lognormal(-0.125, 0.5, n),  # mean 1
        "budget": intent.budgets(rng, true_intent, employees),
        "timeline": intent.timelines(rng, true_intent),
    }


def _addresses(rng, kind, romaji, work_domain) -> dict:
    free = np.array(vocab.FREE_MAIL_DOMAINS)[
        rng.integers(0, len(vocab.FREE_MAIL_DOMAINS), len(kind))
    ]
    domain = np.select([kind == 1, kind == 2], [free, vocab.COMPETITOR[1]], default=work_domain)
    local = np.where(
        kind == 1, people.free_mail_locals(rng, romaji), people.work_locals(rng, romaji)
    )
    email = people.unique_addresses(local, domain)
    return {"email": email, "esp_email": email.copy(), "email_kind": kind}


def _created(rng: np.random.Generator, source, window: Window, calendar: Calendar) -> np.ndarray:
    n = len(source)
    day = rng.integers(0, window.days, n)
    shows = calendar.trade_show_days[calendar.trade_show_days < window.days]
    if len(shows):  # badge scans enter the CRM on show days
        show_day = np.minimum(
            shows[rng.integers(0, len(shows), n)] + rng.integers(0, 2, n), window.days - 1
        )
        day = np.where(source == vocab.TRADE_SHOW, show_day, day)
    in_window = window.start_ms + day * DAY_MS + business_ms_of_day(rng, n)
    before = window.start_ms - rng.integers(DAY_MS, 365 * DAY_MS, n)
    return np.where(rng.random(n) < PRE_WINDOW_SHARE, before, in_window)


def _with_duplicates(rng: np.random.Generator, cols: dict, count: int, window: Window) -> dict:
    """Append `count` second records of random people, entered later with a messy address."""
    if count == 0:
        return cols
    original = np.sort(rng.choice(len(cols["person"]), count, replace=False))
    dup = {key: np.concatenate([value, value[original]]) for key, value in cols.items()}
    tail = slice(len(cols["person"]), None)
    dup["email"][tail] = people.messy_variant(rng, cols["email"][original])
    first = cols["created_ms"][original]
    later = first + rng.integers(DAY_MS // 24, 40 * DAY_MS, count)
    squeezed = first + ((window.end_ms - first) * rng.uniform(0.1, 0.9, count)).astype(np.int64)
    dup["created_ms"][tail] = np.where(later < window.end_ms, later, squeezed)
    dup["source"][tail] = rng.choice([vocab.TRADE_SHOW, vocab.IMPORT, vocab.WEB_FORM], count)
    dup["owner"][tail] = rng.integers(0, len(vocab.SALES_REPS), count)
    return dup
