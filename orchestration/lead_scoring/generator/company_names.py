"""Company name parts: (romaji, kanji) so a name can be written in English or Japanese
while its web domain stays ASCII."""

PREFIXES = (
    ("Tokai", "東海"), ("Sakura", "さくら"), ("Fuji", "富士"), ("Nippon", "日本"),
    ("Kanto", "関東"), ("Asahi", "旭"), ("Midori", "みどり"), ("Hikari", "光"),
    ("Daiichi", "第一"), ("Shinsei", "新生"), ("Aoba", "青葉"), ("Yamato", "大和"),
    ("Chuo", "中央"), ("Heiwa", "平和"), ("Kyokuto", "極東"), ("Minato", "みなと"),
    ("Seiwa", "誠和"), ("Toyo", "東洋"), ("Hokuto", "北斗"), ("Kansai", "関西"),
    ("Tsubasa", "翼"), ("Kizuna", "絆"), ("Mirai", "未来"), ("Sanwa", "三和"),
    ("Marui", "丸井"), ("Kyowa", "協和"), ("Taisei", "大成"), ("Hinode", "日の出"),
    ("Kotobuki", "寿"), ("Aozora", "青空"), ("Nishiki", "錦"), ("Tenryu", "天竜"),
    ("Hakuyo", "白洋"), ("Shinwa", "信和"), ("Ryokuyo", "緑洋"), ("Sumire", "すみれ"),
    ("Kaede", "楓"), ("Musashi", "武蔵"), ("Izumi", "泉"), ("Tamagawa", "多摩川"),
)  # fmt: skip

# Second word by industry, in the order of vocab.INDUSTRIES; disjoint so names never collide
# across industries.
INDUSTRY_WORDS = (
    (("Systems", "システムズ"), ("Soft", "ソフト"), ("Digital", "デジタル"),
     ("Data", "データ"), ("Networks", "ネットワークス"), ("Cloud", "クラウド"),
     ("Solutions", "ソリューションズ"), ("Joho", "情報")),
    (("Seiki", "精機"), ("Kogyo", "工業"), ("Denki", "電機"), ("Kagaku", "化学"),
     ("Tekko", "鉄工"), ("Kikai", "機械"), ("Seisakusho", "製作所"), ("Kinzoku", "金属")),
    (("Shoji", "商事"), ("Mart", "マート"), ("Store", "ストア"), ("Ryutsu", "流通"),
     ("Shoten", "商店"), ("Retail", "リテール"), ("Hyakkaten", "百貨店"), ("Drug", "ドラッグ")),
    (("Finance", "ファイナンス"), ("Shoken", "証券"), ("Lease", "リース"), ("Shinkin", "信金"),
     ("Capital", "キャピタル"), ("Hoken", "保険"), ("Credit", "クレジット"), ("Ginko", "銀行")),
    (("Medical", "メディカル"), ("Iryo", "医療"), ("Pharma", "ファーマ"), ("Seiyaku", "製薬"),
     ("Care", "ケア"), ("Clinic", "クリニック"), ("Health", "ヘルス"), ("Kaigo", "介護")),
    (("Gakuen", "学園"), ("Academy", "アカデミー"), ("Juku", "塾"), ("Kyoiku", "教育"),
     ("School", "スクール"), ("Learning", "ラーニング"), ("Kenshu", "研修"), ("Gakuin", "学院")),
    (("Kensetsu", "建設"), ("Komuten", "工務店"), ("Setsubi", "設備"), ("Doboku", "土木"),
     ("Jutaku", "住宅"), ("Home", "ホーム"), ("Sekkei", "設計"), ("Kenzai", "建材")),
    (("Butsuryu", "物流"), ("Unyu", "運輸"), ("Soko", "倉庫"), ("Logistics", "ロジスティクス"),
     ("Express", "エクスプレス"), ("Kaiun", "海運"), ("Transport", "トランスポート"),
     ("Haiso", "配送")),
)  # fmt: skip

# English legal forms; Japanese names always use 株式会社 (before or after the name).
LEGAL_FORMS = ("Co., Ltd.", "Corporation", "Inc.", "Holdings Co., Ltd.")
