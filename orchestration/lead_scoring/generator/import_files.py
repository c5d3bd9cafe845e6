"""The generated data set as a user without a CRM would bring it: two files to import.

`leads.csv`: one row per CRM lead record with its fit columns and the hidden outcome
(`Converted`, from truth/leads.csv). `activities.csv`: every web event of an identified person
and every e-mail event, by e-mail address: page views (with the seconds until the visitor's
next page view of the same visit, i.e. time on page), track events by name, e-mail events
as "Email <event>". `lead_mapping.csv` maps both. Everything is read and written by DuckDB.
"""

from pathlib import Path

import duckdb

from lead_scoring.ingest.record_sql import literal

VISIT_GAP_SECONDS = 1800  # a page view more than 30 minutes after the last ends the visit

LEADS_SQL = """
select l.id as "Lead Id", l.Email as "Email", l.Created_Time as "Created",
    l.Designation as "Title", l.Industry as "Industry", l.No_of_Employees as "Employees",
    l.State as "State", l.Estimated_Budget as "Budget", l.Company_Growth_Rate as "Growth",
    l.Purchase_Timeline as "Timeline", l.Decision_Maker as "Decision Maker",
    l.Lead_Source as "Source", t.converted as "Converted"
from read_json({leads}, format = 'newline_delimited') l
join read_csv({truth}, types = {{'lead_id': 'VARCHAR'}}) t on t.lead_id = l.id
order by l.id
"""

WEB_SQL = """
with events as (  -- as JSON: a small sample's inferred structs would miss keys
    select json->>'messageId' as message_id, json->>'type' as type, json->>'event' as event,
        json->>'anonymousId' as anonymous_id, json->>'userId' as user_id,
        json->>'$.traits.email' as trait_email, (json->>'timestamp')::timestamptz as event_at,
        json->'properties' as properties
    from read_json_objects({web}, format = 'newline_delimited')
),
users as (  -- userId -> e-mail from identify traits
    select user_id, any_value(trait_email) as email from events
    where type = 'identify' and trait_email is not null group by 1
),
visitors as (  -- anonymousId -> userId, once a visitor identified
    select anonymous_id, any_value(user_id) as user_id from events
    where user_id is not null and anonymous_id is not null group by 1
),
resolved as (
    select e.*, u.email from events e
    left join visitors v on v.anonymous_id = e.anonymous_id
    join users u on u.user_id = coalesce(e.user_id, v.user_id)
    where e.type in ('page', 'track')
),
timed as (
    select *, epoch(lead(event_at) over (partition by coalesce(anonymous_id, user_id), type
        order by event_at) - event_at) as gap from resolved
)
select message_id as "Event Id", email as "Email",
    case when type = 'page' then 'Page Viewed' else event end as "Activity",
    strftime(event_at, '%Y-%m-%dT%H:%M:%S.%gZ') as "When", properties->>'path' as "Path",
    case when type = 'page' and gap < {gap} then round(gap)::integer end as "Seconds",
    coalesce(properties->>'asset', properties->>'form_type', properties->>'webinar_id',
        properties->>'trade_show') as "Asset"
from timed
"""

EMAIL_SQL = """
select json->>'sg_event_id' as "Event Id", json->>'email' as "Email",
    'Email ' || (json->>'event') as "Activity",
    strftime(to_timestamp((json->>'timestamp')::bigint), '%Y-%m-%dT%H:%M:%SZ') as "When",
    null as "Path", null::integer as "Seconds", null as "Asset"
from read_json_objects({email}, format = 'array')
"""

MAPPING = """entity,role,column,type,values
leads,id,Lead Id,,
leads,email,Email,,
leads,created_at,Created,timestamp,
leads,outcome,Converted,boolean,true
leads,field,Title,text,
leads,field,Industry,text,
leads,field,Employees,number,
leads,field,State,text,
leads,field,Budget,number,
leads,field,Growth,number,
leads,field,Timeline,text,
leads,field,Decision Maker,boolean,
leads,field,Source,text,
activities,id,Event Id,,
activities,lead_ref,Email,,email
activities,name,Activity,,
activities,occurred_at,When,timestamp,
activities,field,Path,text,
activities,field,Seconds,number,
activities,field,Asset,text,
"""


def write_import_files(generated: Path, out: Path) -> dict[str, int]:
    """leads.csv, activities.csv and lead_mapping.csv in `out`; returns the row counts."""
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "leads": literal(str(generated / "crm" / "leads.jsonl")),
        "truth": literal(str(generated / "truth" / "leads.csv")),
        "web": literal(str(generated / "web" / "*.jsonl")),
        "email": literal(str(generated / "email" / "*.json")),
    }
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        leads = LEADS_SQL.format(**files)
        con.execute(f"copy ({leads}) to {literal(str(out / 'leads.csv'))} (header true)")
        web = WEB_SQL.format(gap=VISIT_GAP_SECONDS, **files)
        activities = f"{web} union all {EMAIL_SQL.format(**files)} order by 4, 1"
        con.execute(f"copy ({activities}) to {literal(str(out / 'activities.csv'))} (header true)")
        counts = {
            name: con.execute(
                f"select count(*) from read_csv({literal(str(out / name))})"
            ).fetchone()[0]
            for name in ("leads.csv", "activities.csv")
        }
    (out / "lead_mapping.csv").write_text(MAPPING)
    return counts
