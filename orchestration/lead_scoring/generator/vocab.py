"""Word pools for people, companies and CRM picklists (Japanese B2B flavour).

Pools are plain tuples; generators pick indexes with numpy and turn them into strings late,
so the pools' order is part of the output and must not be shuffled casually.
"""

# (romaji, kanji) pairs so the same person can be written either way and still get a
# romaji e-mail address.
SURNAMES = (
    ("Sato", "佐藤"),
    ("Suzuki", "鈴木"),
    ("Takahashi", "高橋"),
    ("Tanaka", "田中"),
    ("Ito", "伊藤"),
    ("Watanabe", "渡辺"),
    ("Yamamoto", "山本"),
    ("Nakamura", "中村"),
    ("Kobayashi", "小林"),
    ("Kato", "加藤"),
    ("Yoshida", "吉田"),
    ("Yamada", "山田"),
    ("Sasaki", "佐々木"),
    ("Yamaguchi", "山口"),
    ("Matsumoto", "松本"),
    ("Inoue", "井上"),
    ("Kimura", "木村"),
    ("Hayashi", "林"),
    ("Shimizu", "清水"),
    ("Yamazaki", "山崎"),
    ("Mori", "森"),
    ("Abe", "阿部"),
    ("Ikeda", "池田"),
    ("Hashimoto", "橋本"),
    ("Ishikawa", "石川"),
    ("Ogawa", "小川"),
    ("Okada", "岡田"),
    ("Goto", "後藤"),
    ("Hasegawa", "長谷川"),
    ("Murakami", "村上"),
    ("Kondo", "近藤"),
    ("Ishii", "石井"),
    ("Saito", "斎藤"),
    ("Sakamoto", "坂本"),
    ("Endo", "遠藤"),
    ("Aoki", "青木"),
    ("Fujita", "藤田"),
    ("Nishimura", "西村"),
    ("Fukuda", "福田"),
    ("Ota", "太田"),
)

GIVEN_NAMES = (
    ("Hiroshi", "博"),
    ("Takashi", "隆"),
    ("Makoto", "誠"),
    ("Kenji", "健二"),
    ("Daisuke", "大輔"),
    ("Yuki", "由紀"),
    ("Akira", "明"),
    ("Naoki", "直樹"),
    ("Kazuya", "和也"),
    ("Shota", "翔太"),
    ("Haruto", "陽翔"),
    ("Ren", "蓮"),
    ("Takuya", "拓也"),
    ("Satoshi", "聡"),
    ("Tomoko", "智子"),
    ("Yoko", "洋子"),
    ("Keiko", "恵子"),
    ("Mayumi", "真由美"),
    ("Aiko", "愛子"),
    ("Yui", "結衣"),
    ("Misaki", "美咲"),
    ("Haruka", "遥"),
    ("Naomi", "直美"),
    ("Emi", "恵美"),
    ("Kaori", "香織"),
    ("Sayaka", "沙也加"),
    ("Ryo", "亮"),
    ("Koji", "浩二"),
    ("Masato", "正人"),
    ("Yuta", "雄太"),
    ("Rina", "里奈"),
    ("Mika", "美香"),
)

# Free-text job titles as people type them into forms: English and Japanese mixed.
DECISION_MAKER_TITLES = (
    "CEO",
    "VP of Sales",
    "Director of IT",
    "Head of Procurement",
    "Purchasing Manager",
    "部長",
    "購買部長",
    "本部長",
    "取締役",
    "代表取締役社長",
    "情報システム部長",
    "COO",
    "General Manager",
    "営業部長",
    "CTO",
)
STAFF_TITLES = (
    "Engineer",
    "Analyst",
    "Sales Representative",
    "担当者",
    "一般社員",
    "主任",
    "Marketing Specialist",
    "係長",
    "Assistant",
    "営業担当",
    "システムエンジニア",
    "Coordinator",
)

# Prefectures in English with rough shares of B2B leads (capital region heavy).
PREFECTURES = (
    ("Tokyo", 34),
    ("Kanagawa", 9),
    ("Saitama", 5),
    ("Chiba", 4),
    ("Osaka", 13),
    ("Aichi", 8),
    ("Fukuoka", 5),
    ("Hokkaido", 4),
    ("Hyogo", 4),
    ("Kyoto", 3),
    ("Shizuoka", 3),
    ("Hiroshima", 2),
    ("Miyagi", 2),
    ("Niigata", 1),
    ("Okinawa", 1),
    ("Ibaraki", 2),
)

INDUSTRIES = (
    "IT / Software",
    "Manufacturing",
    "Retail",
    "Finance",
    "Healthcare",
    "Education",
    "Construction",
    "Logistics",
)
IT_INDUSTRY = 0

LEAD_SOURCES = ("Web Form", "Trade Show", "Import", "Advertisement", "Partner", "Seminar")
WEB_FORM, TRADE_SHOW, IMPORT, ADVERTISEMENT, PARTNER, SEMINAR = range(6)

PURCHASE_TIMELINES = ("Within 3 months", "3-6 months", "6-12 months", "Over 12 months")

FREE_MAIL_DOMAINS = ("gmail.com", "yahoo.co.jp", "outlook.jp", "icloud.com")
# A rival vendor whose staff sign up to watch us; scoring should push them down.
COMPETITOR = ("Hoshi Marketing Cloud Co., Ltd.", "hoshi-mc.co.jp")

# Our own company: the sales reps and the website all live on this domain.
OUR_DOMAIN = "kumo-analytics.example"
OUR_SITE = f"https://www.{OUR_DOMAIN}"

SALES_REPS = (
    "Aiko Tanaka",
    "Kenji Sato",
    "Yuki Watanabe",
    "Takashi Mori",
    "Haruka Ito",
    "Daisuke Kimura",
    "Mayumi Ogawa",
    "Shota Nakamura",
)
