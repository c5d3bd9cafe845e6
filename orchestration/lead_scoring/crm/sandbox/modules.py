"""The modules the sandbox serves and the fields it type-checks on write.

Fields not listed here are stored as sent (the sandbox has no layout metadata); listed fields
are checked the way Zoho checks their data type. Picklists are restricted like Zoho's.
"""

from dataclasses import dataclass, field

TIMELINES = ("Within 3 months", "3-6 months", "6-12 months", "Over 12 months")


@dataclass(frozen=True)
class FieldType:
    kind: str  # text, textarea, email, integer, double, boolean, picklist, datetime, date, lookup
    options: tuple[str, ...] = ()
    max_length: int | None = None


TEXT = FieldType("text", max_length=255)
TEXTAREA = FieldType("textarea", max_length=32000)
INTEGER = FieldType("integer")
DOUBLE = FieldType("double")
BOOLEAN = FieldType("boolean")
DATETIME = FieldType("datetime")
DATE = FieldType("date")
LOOKUP = FieldType("lookup")
EMAIL = FieldType("email", max_length=100)


def picklist(*options: str) -> FieldType:
    return FieldType("picklist", options=options)


@dataclass(frozen=True)
class ModuleSpec:
    api_name: str
    module_id: str  # Zoho answers a module's id inside duplicate-record details
    mandatory: tuple[str, ...]
    duplicate_check: tuple[str, ...] = ()  # system-defined duplicate check fields
    unique: tuple[str, ...] = ()  # no two records may share a value
    fields: dict[str, FieldType] = field(default_factory=dict)


LEADS = ModuleSpec(
    "Leads",
    "5725767000000002175",
    mandatory=("Last_Name",),
    duplicate_check=("Email",),
    unique=("Email",),
    fields={
        "Email": EMAIL,
        "First_Name": TEXT,
        "Last_Name": TEXT,
        "Company": TEXT,
        "Designation": TEXT,
        "No_of_Employees": INTEGER,
        "Owner": LOOKUP,
        "Company_Growth_Rate": DOUBLE,
        "Estimated_Budget": DOUBLE,
        "Purchase_Timeline": picklist(*TIMELINES),
        "Decision_Maker": BOOLEAN,
        "Budget_Approved": BOOLEAN,
        "Approved_Budget_Amount": DOUBLE,
        "Authority_Confirmed": BOOLEAN,
        "Confirmed_Timeline": picklist(*TIMELINES),
        # the lesson's MQL / SQL checklist items besides BANT (worst option first)
        "Issue_Clarity": picklist("Unclear", "Aware", "Concrete"),
        "Product_Understanding": picklist("None", "Basic", "Detailed"),
        "Competitive_Status": picklist(
            "Competitor leads", "Comparing", "No alternative", "We lead"
        ),
        "Past_Contact": picklist("None", "Content", "Event", "Meeting"),
        "Next_Step": picklist("None", "Meeting agreed", "Demo agreed", "Proposal requested"),
        "Sales_Disposition": picklist("Accepted", "Rejected", "Recycled"),
        "Disposition_Time": DATETIME,
        "Deal_Outcome": picklist("Won", "Lost"),
        "Deal_Closed_Time": DATETIME,
        "Lead_Score": INTEGER,
        "Attribute_Score": INTEGER,
        "Behavior_Score": INTEGER,
        "Lead_Tier": picklist("Hot", "Warm", "Cold"),
        "Lifecycle_Stage": TEXT,
        "Score_Reasons": TEXTAREA,
        "Scored_At": DATETIME,
    },
)

CALLS = ModuleSpec(
    "Calls",
    "5725767000000002183",
    mandatory=("Subject",),
    fields={
        "Subject": TEXT,
        "Call_Type": picklist("Outbound", "Inbound", "Missed"),
        "Call_Start_Time": DATETIME,
        "Call_Duration": TEXT,
        "What_Id": LOOKUP,
        "Owner": LOOKUP,
    },
)

TASKS = ModuleSpec(
    "Tasks",
    "5725767000000002181",
    mandatory=("Subject",),
    fields={
        "Subject": TEXT,
        "Due_Date": DATE,
        "What_Id": LOOKUP,
        "Owner": LOOKUP,
        "Status": picklist(
            "Not Started", "Deferred", "In Progress", "Completed", "Waiting for input"
        ),
        "Priority": picklist("Highest", "High", "Normal", "Low", "Lowest"),
        "Description": TEXTAREA,
    },
)

MODULES = {spec.api_name: spec for spec in (LEADS, CALLS, TASKS)}

# Fields the CRM maintains itself: ignored when a client sends them.
SYSTEM_FIELDS = ("id", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Tag")

# The user every sandbox write is made by (Created_By / Modified_By, default Owner).
SANDBOX_USER = {"name": "Sandbox Admin", "id": "5725767000000411001", "email": "admin@sandbox.test"}
