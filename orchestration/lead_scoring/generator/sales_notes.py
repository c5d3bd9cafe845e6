"""Free text reps type into qualification fields, English and Japanese as in real CRMs."""

PAIN = (
    "Marketing hands over too many unqualified leads; reps waste time on cold calls.",
    "展示会リードのフォローが遅れ、商談化率が低い。",
    "No visibility into which campaigns produce pipeline.",
    "MAとSFAのデータが分断されており、スコアが営業に見えない。",
    "Lead response time is over 3 days; losing deals to faster competitors.",
    "インサイドセールスの優先順位付けが属人的。",
)
MEDDIC = {
    "MEDDIC_Metrics": (
        "Raise lead-to-opportunity rate from 8% to 12% within a year",
        "初回接触までの時間を24時間以内に短縮",
        "Cut cost per SQL by 20%",
    ),
    "MEDDIC_Economic_Buyer": ("CFO", "営業本部長", "代表取締役社長", "VP of Sales"),
    "MEDDIC_Decision_Criteria": (
        "Zoho CRM integration, Japanese support, price per seat",
        "セキュリティ要件 (ISMS) とオンプレ連携",
        "Time to value under 3 months",
    ),
    "MEDDIC_Decision_Process": (
        "PoC in Q1, board approval in March",
        "情報システム部の審査 → 稟議 → 役員会承認",
        "Two vendor demos, then procurement review",
    ),
    "MEDDIC_Identified_Pain": PAIN,
    "MEDDIC_Champion": (
        "Marketing manager (sponsor of the PoC)",
        "インサイドセールス課長",
        "Head of Sales Operations",
    ),
}
REJECT_REASONS = (
    "No budget",
    "Not a decision maker",
    "No need",
    "Student / personal use",
    "連絡不通",
    "既存ツールで十分",
)
RECYCLE_REASONS = (
    "Timing: revisit next quarter",
    "予算化は来期",
    "Nurture: not ready to buy",
    "担当者異動のため再アプローチ",
)
COMPETITOR_REASON = "Competitor"
DUPLICATE_REASON = "Duplicate record"
CALL_SUBJECTS = (
    ("Intro call", "初回ヒアリング", "Follow-up on inquiry"),
    ("Follow-up call", "デモ日程調整", "見積もりフォロー", "Budget discussion", "Next steps"),
)
ACCEPT_REASONS = ("Qualified for opportunity", "商談化: BANT確認済み", "Demo requested")
