"""Our website: pages, referrers, downloadable assets, forms and browsers."""

import numpy as np

from lead_scoring.generator.vocab import OUR_SITE

# path, page name (Segment `name`), title, weight for a casual visitor, weight for a buyer
PAGES = (
    ("/", "Home", "Kumo Analytics | リードスコアリングと営業連携", 20, 6),
    ("/products", "Products", "製品概要 | Kumo Analytics", 8, 10),
    ("/products/lead-scoring", "Lead Scoring", "Lead Scoring | Kumo Analytics", 5, 12),
    ("/products/integrations", "Integrations", "CRM連携 (Zoho / HubSpot) | Kumo Analytics", 3, 8),
    ("/pricing", "Pricing", "料金プラン | Kumo Analytics", 3, 16),
    ("/case-studies", "Case Studies", "導入事例 | Kumo Analytics", 3, 8),
    ("/case-studies/manufacturing", "Case Study", "製造業の導入事例 | Kumo Analytics", 2, 5),
    ("/blog/what-is-lead-scoring", "Blog", "リードスコアリングとは? | Kumo Blog", 16, 3),
    ("/blog/bant-vs-meddic", "Blog", "BANT vs MEDDIC | Kumo Blog", 8, 3),
    ("/blog/ma-tips", "Blog", "MA運用のコツ10選 | Kumo Blog", 12, 2),
    ("/resources/downloads", "Downloads", "資料ダウンロード | Kumo Analytics", 4, 8),
    ("/webinars", "Webinars", "ウェビナー | Kumo Analytics", 3, 4),
    ("/contact", "Contact", "お問い合わせ | Kumo Analytics", 1, 4),
    ("/quote", "Quote Request", "お見積もり依頼 | Kumo Analytics", 0.5, 3),
    ("/careers", "Careers", "採用情報 | Kumo Analytics", 6, 0.5),
    ("/about", "About", "会社概要 | Kumo Analytics", 4, 2),
    ("/lp/whitepaper", "Whitepaper LP", "無料ホワイトペーパー | Kumo Analytics", 3, 2),
    ("/newsletter", "Newsletter", "メールマガジン登録 | Kumo Analytics", 1, 1),
)
PAGE = {path: i for i, (path, *_rest) in enumerate(PAGES)}

EXTERNAL_REFERRERS = (
    ("", 30),
    ("https://www.google.com/", 35),
    ("https://search.yahoo.co.jp/", 12),
    ("https://www.bing.com/", 4),
    ("https://www.linkedin.com/", 5),
    ("https://t.co/", 3),
    ("https://newspicks.com/", 2),
    ("https://www.facebook.com/", 3),
)
NO_REFERRER = len(PAGES)  # referrer index of "" (direct)

# Track event details, in the order the generator codes them.
FORM_TYPES = ("contact", "quote_request", "newsletter")
CONTACT, QUOTE, NEWSLETTER = range(3)
ASSETS = (
    ("price_list", "kumo-price-list-2026.pdf", "/pricing"),
    ("product_catalog", "kumo-product-catalog.pdf", "/resources/downloads"),
    ("whitepaper", "lead-scoring-whitepaper.pdf", "/lp/whitepaper"),
)
PRICE_LIST, CATALOG, WHITEPAPER = range(3)
FORM_PAGES = ("/contact", "/quote", "/newsletter")

USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/142.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.6 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0",
    "Mozilla/5.0 (Linux; Android 15; SO-51E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/142.0.0.0 Mobile Safari/537.36",
)
USER_AGENT_WEIGHTS = np.array([40, 15, 15, 18, 4, 8], dtype=float)

# First octets of address blocks used by Japanese ISPs and corporate lines.
IP_PREFIXES = (
    (126, 0),
    (133, 106),
    (153, 120),
    (180, 12),
    (202, 32),
    (210, 128),
    (219, 100),
    (27, 80),
    (114, 160),
    (118, 6),
    (60, 32),
    (61, 112),
)


def page_url(path: str) -> str:
    return OUR_SITE + path


def page_cdfs() -> tuple[np.ndarray, np.ndarray]:
    """Cumulative page choice for a casual visitor and for a buyer (mixed by intent)."""
    low = np.array([p[3] for p in PAGES], dtype=float)
    high = np.array([p[4] for p in PAGES], dtype=float)
    return np.cumsum(low / low.sum()), np.cumsum(high / high.sum())
