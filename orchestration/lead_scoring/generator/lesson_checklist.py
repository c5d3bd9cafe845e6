"""The lesson's MQL / SQL checklist fields a rep records besides BANT and MEDDIC: how concrete
the issue is, how well the lead understands the product, where the competition stands, past
contact and the proposed next step. Better on leads whose BANT is complete and on buyers;
some are never asked (null = unknown).

Drawn from a stream of their own, so every other generated field stays as it was."""

import numpy as np

# Zoho picklist options, worst first (the sandbox's Leads module checks them)
LEVELS = {
    "Issue_Clarity": ("Unclear", "Aware", "Concrete"),
    "Product_Understanding": ("None", "Basic", "Detailed"),
    "Competitive_Status": ("Competitor leads", "Comparing", "No alternative", "We lead"),
    "Past_Contact": ("None", "Content", "Event", "Meeting"),
    "Next_Step": ("None", "Meeting agreed", "Demo agreed", "Proposal requested"),
}
ASKED_SHARE = 0.85  # of the worked leads, on each field


def checklist_fields(rng, intent: np.ndarray, bant_complete: np.ndarray) -> dict[str, np.ndarray]:
    """Values for the worked leads: the level rises with intent, most on complete BANT."""
    n = len(intent)
    strength = np.clip(np.where(bant_complete, 0.85, 0.15 + 0.6 * intent), 0.02, 0.97)
    fields = {}
    for name, levels in LEVELS.items():
        top = len(levels) - 1
        level = np.where(
            rng.random(n) < strength, top, rng.integers(0, top, n)
        )  # the best level, or any other
        values = np.array(levels, dtype=object)[level]
        fields[name] = np.where(rng.random(n) < ASKED_SHARE, values, None)
    return fields


def bant_complete(fields: dict[str, np.ndarray]) -> np.ndarray:
    """BANT 4 of 4 as recorded: budget approved with an amount, authority, pain, 3 months."""
    amount = np.nan_to_num(np.asarray(fields["Approved_Budget_Amount"], dtype=float))
    return (
        (fields["Budget_Approved"] == True)  # noqa: E712  (object array: None is not False)
        & (amount > 0)
        & (fields["Authority_Confirmed"] == True)  # noqa: E712
        & np.array([bool(p) for p in fields["Pain_Documented"]])
        & (fields["Confirmed_Timeline"] == "Within 3 months")
    )
