"""Deterministic sample data for the three sources: Zoho CRM records, Segment web events and
SendGrid e-mail events, with each lead's hidden intent and outcome as truth.

How it fits together (one concern per module):
- population: `leads` (people, firms via `companies`, `people`, `intent`), `identity` (who
  browses, when they identify), `marketing_calendar` (webinars, trade shows)
- behaviour, one UTC day at a time over all people (`simulation`): `web_events` and
  `web_milestones` (Segment), `email_events` and `email_reactions` (SendGrid); `state` carries
  what persists between days
- sales work after the window: `sales_work`, `calls`, `qualification`, `bant_meddic`
- output: `web_json` / `email_json` join JSON from fragments built by `text`, `writer` puts
  them on disk; `crm_records` and `truth` write the CRM files and the truth CSV
"""

from lead_scoring.generator.generate import GenerationSummary, generate

__all__ = ["GenerationSummary", "generate"]
