"""The settings model: one declaration per LEAD_SCORING_* variable.

A declaration names the variable, its default, an example of a good value, its type and
checks, and says what it does. Adding a variable is one more declaration here (and its line in
`.env.example`); reading it is `settings.current().<field>`.
"""

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, SecretStr

from lead_scoring.config import checks

SANDBOX_URL = "http://127.0.0.1:8765"


def env(name: str, default: Any, example: str, doc: str, secret: bool = False, **limits) -> Any:
    """A field read from the environment variable `name`."""
    extra = {"example": example, "secret": secret}
    return Field(default, alias=name, description=doc, json_schema_extra=extra, **limits)


FilePath = Annotated[Path, AfterValidator(checks.file_path)]
FolderPath = Annotated[Path, AfterValidator(checks.folder_path)]
# a landing folder, or `none` when the company does not use that source
LandingFolder = Annotated[FolderPath | None, BeforeValidator(checks.none_means_off)]
Url = Annotated[str, AfterValidator(checks.http_url)]


class Settings(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="ignore", allow_inf_nan=False, validate_default=True
    )

    # --- warehouse and landing folders ---
    duckdb: FilePath = env(
        "LEAD_SCORING_DUCKDB",
        "data/warehouse.duckdb",
        "data/warehouse.duckdb",
        "The DuckDB warehouse file (relative paths: from the project root).",
    )
    duckdb_memory_limit: Annotated[str, AfterValidator(checks.memory_size)] = env(
        "LEAD_SCORING_DUCKDB_MEMORY_LIMIT",
        "3GB",
        "3GB",
        "DuckDB's memory per process (loaders and dbt); past it DuckDB spills to disk.",
    )
    # --- engine ---
    engine: Literal["duckdb", "spark"] = env(
        "LEAD_SCORING_ENGINE",
        "duckdb",
        "spark",
        "Where dbt builds the models: duckdb (the LEAD_SCORING_DUCKDB file) or spark (Apache "
        "Spark: the `spark` target of dbt_project/profiles.yml; needs `make install-spark` and "
        "Java 17). The same models, the same results.",
    )
    spark_dir: FolderPath = env(
        "LEAD_SCORING_SPARK_DIR",
        "data/spark",
        "data/spark",
        "Spark in this process (target `spark`): its tables (Parquet) and metastore live here.",
    )
    spark_master: Annotated[str, AfterValidator(checks.spark_master)] = env(
        "LEAD_SCORING_SPARK_MASTER",
        "local[2]",
        "local[2]",
        "The Spark master of the in-process session: local[N] (N cores), local[*], or a "
        "cluster URL (spark://host:7077).",
    )
    spark_raw_parquet_dir: FolderPath | None = env(
        "LEAD_SCORING_SPARK_RAW_PARQUET_DIR",
        None,
        "data/spark/raw",
        "On Spark, a folder of Parquet, one sub-folder per raw table (crm_leads/, web_events/, "
        "...), that the build registers as schema raw (the nightly job on Spark writes the "
        "warehouse's raw tables there first); unset = schema raw's own tables.",
    )
    spark_raw_schema: Annotated[str, AfterValidator(checks.schema_name)] = env(
        "LEAD_SCORING_SPARK_RAW_SCHEMA",
        "raw",
        "lakehouse_raw",
        "On Spark, the schema whose tables (crm_leads, web_events, ...) the dbt sources read: "
        "raw, or one the company's loaders fill.",
    )
    profile_dir: Annotated[Path, AfterValidator(checks.profile_folder)] = env(
        "LEAD_SCORING_PROFILE_DIR",
        "profiles/lesson",
        "profiles/lesson",
        "The scoring profile: a folder of rule seeds and lead_mapping.csv (relative paths: "
        "from dbt_project/).",
    )
    web_events_dir: LandingFolder = env(
        "LEAD_SCORING_WEB_EVENTS_DIR",
        "data/generated/web",
        "data/landing/web",
        "Folder where Segment JSON-lines files land; none = no web events.",
    )
    email_events_dir: LandingFolder = env(
        "LEAD_SCORING_EMAIL_EVENTS_DIR",
        "data/generated/email",
        "data/landing/email",
        "Folder where SendGrid webhook batch files land; none = no e-mail events.",
    )
    import_leads_dir: FolderPath | None = env(
        "LEAD_SCORING_IMPORT_LEADS_DIR",
        None,
        "data/import/leads",
        "Folder of lead files (CSV, Parquet, JSON lines) the nightly run imports; unset = none.",
    )
    import_activities_dir: FolderPath | None = env(
        "LEAD_SCORING_IMPORT_ACTIVITIES_DIR",
        None,
        "data/import/activities",
        "Folder of activity files the nightly run imports; unset = none.",
    )
    export_dir: FolderPath | None = env(
        "LEAD_SCORING_EXPORT_DIR",
        None,
        "data/export",
        "Where lead_scores.csv / .parquet are written after each good run; unset = export/ "
        "beside the warehouse.",
    )
    published_duckdb: FilePath | None = env(
        "LEAD_SCORING_PUBLISHED_DUCKDB",
        None,
        "data/published/warehouse.duckdb",
        "The BI snapshot file; empty = published/ beside the warehouse.",
    )
    # --- data-quality gates ---
    quarantine_max_rate: float = env(
        "LEAD_SCORING_QUARANTINE_MAX_RATE",
        0.01,
        "0.05",
        "Largest share of a load's records that may go to quarantine.",
        ge=0,
        le=1,
    )
    row_count_max_change: float = env(
        "LEAD_SCORING_ROW_COUNT_MAX_CHANGE",
        0.5,
        "0.5",
        "Largest relative change of a table's row count since the last passed check.",
        ge=0,
        le=1e6,
    )
    freshness_hours: float = env(
        "LEAD_SCORING_FRESHNESS_HOURS",
        48.0,
        "48",
        "Largest age, in hours, of a source's newest record.",
        ge=0,
        le=1e6,
    )
    max_record_bytes: int = env(
        "LEAD_SCORING_MAX_RECORD_BYTES",
        1_048_576,
        "1048576",
        "Largest source record in bytes; bigger ones are quarantined.",
        ge=1024,
        le=10**9,
    )
    load_part_mb: int = env(
        "LEAD_SCORING_LOAD_PART_MB",
        2048,
        "2048",
        "Most text (MB, compressed files counted at 10x) one load of landing files lands in one"
        " transaction; more is landed as several loads, so a backfill's disk use stays bounded.",
        ge=1,
        le=10**6,
    )
    # --- scoring and schedule ---
    score_as_of: Annotated[str, AfterValidator(checks.iso_time)] = env(
        "LEAD_SCORING_SCORE_AS_OF",
        "",
        "2026-11-20",
        "Scoring reference time: a date (the start of that day in LEAD_SCORING_TIMEZONE) or an "
        "ISO 8601 instant (UTC unless offset); empty = the start of the run's day.",
    )
    schedule_cron: Annotated[str, AfterValidator(checks.cron)] = env(
        "LEAD_SCORING_SCHEDULE_CRON",
        "0 2 * * *",
        "'0 2 * * *'",
        "When the nightly job runs (five cron fields).",
    )
    timezone: Annotated[str, AfterValidator(checks.timezone_name)] = env(
        "LEAD_SCORING_TIMEZONE",
        "Asia/Tokyo",
        "Asia/Tokyo",
        "Zone of the schedule and of follow-up task due dates.",
    )
    # --- CRM ---
    crm: Literal["zoho", "none"] = env(
        "LEAD_SCORING_CRM",
        "zoho",
        "none",
        "The CRM read and written: zoho (the local sandbox when no API domain is set) or none "
        "(scores go to the export files and the BI snapshot only).",
    )
    crm_data_center: Annotated[str | None, AfterValidator(checks.data_center)] = env(
        "LEAD_SCORING_CRM_DATA_CENTER",
        None,
        "jp",
        "The org's Zoho data centre (com, eu, in, com.au, jp, ca, sa, uk, com.cn): gives the "
        "accounts URL and the API domain; unset = the local CRM sandbox.",
    )
    crm_api_domain: Url | None = env(
        "LEAD_SCORING_CRM_API_DOMAIN",
        None,
        "https://www.zohoapis.com",
        "Zoho API base; unset = the data centre's, else the local CRM sandbox.",
    )
    crm_accounts_url: Url | None = env(
        "LEAD_SCORING_CRM_ACCOUNTS_URL",
        None,
        "https://accounts.zoho.com",
        "Zoho token endpoint base; unset = the data centre's, else the API domain.",
    )
    crm_client_id: str | None = env(
        "LEAD_SCORING_CRM_CLIENT_ID", None, "1000.ABCDEF", "OAuth client id."
    )
    crm_client_secret: SecretStr | None = env(
        "LEAD_SCORING_CRM_CLIENT_SECRET",
        None,
        "<from the Zoho API console>",
        "OAuth client secret.",
        secret=True,
    )
    crm_refresh_token: SecretStr | None = env(
        "LEAD_SCORING_CRM_REFRESH_TOKEN",
        None,
        "<from the Zoho API console>",
        "OAuth refresh token.",
        secret=True,
    )
    crm_requests_per_second: float | None = env(
        "LEAD_SCORING_CRM_REQUESTS_PER_SECOND",
        None,
        "10",
        "Client-side rate limit; unset = none.",
        gt=0,
        le=10_000,
    )
    crm_max_workers: int = env(
        "LEAD_SCORING_CRM_MAX_WORKERS", 5, "5", "Batches in flight.", ge=1, le=25
    )
    crm_max_retries: int = env(
        "LEAD_SCORING_CRM_MAX_RETRIES", 5, "5", "Retries on 429 / 5xx / timeouts.", ge=0, le=20
    )
    crm_timeout_seconds: float = env(
        "LEAD_SCORING_CRM_TIMEOUT_SECONDS", 30.0, "30", "Per request.", gt=0, le=600
    )
    crm_write_triggers: Annotated[str, AfterValidator(checks.write_triggers)] = env(
        "LEAD_SCORING_CRM_WRITE_TRIGGERS",
        "",
        "workflow",
        "Zoho's `trigger` on score writes (workflow, approval, blueprint); empty = none runs.",
    )
    crm_bulk_read_threshold: int = env(
        "LEAD_SCORING_CRM_BULK_READ_THRESHOLD",
        10_000,
        "10000",
        "Reads of more records go through the Bulk Read API (Get Records stops at 100,000).",
        ge=0,
        lt=100_000,
    )
    crm_daily_credit_budget: int | None = env(
        "LEAD_SCORING_CRM_DAILY_CREDIT_BUDGET",
        None,
        "50000",
        "Zoho API credits a day; a run stops before the call that would pass it; unset = none.",
        ge=1,
    )
    crm_sandbox_db: FilePath = env(
        "LEAD_SCORING_CRM_SANDBOX_DB",
        "data/crm_sandbox.sqlite3",
        "data/crm_sandbox.sqlite3",
        "SQLite file of the local CRM sandbox (crm-sandbox and demo).",
    )

    def crm_urls(self) -> tuple[str, str]:
        """(API domain, accounts URL): set ones win, then the data centre's, then the sandbox."""
        from lead_scoring.crm.data_centers import DATA_CENTERS

        center_accounts, center_api = DATA_CENTERS.get(self.crm_data_center or "", (None, None))
        api = self.crm_api_domain or center_api or SANDBOX_URL
        return api, self.crm_accounts_url or center_accounts or api

    # --- report and what people read ---
    locale: Literal["en", "ja"] = env(
        "LEAD_SCORING_LOCALE",
        "en",
        "ja",
        "Language of the report, the CRM Score_Reasons and the hand-off tag (ja: 優先対応).",
    )
    reports_dir: FolderPath = env(
        "LEAD_SCORING_REPORTS_DIR",
        "data/reports",
        "data/reports",
        "Where the HTML report is written (<date>.html and latest.html).",
    )
    pii_free: bool = env(
        "LEAD_SCORING_PII_FREE",
        False,
        "true",
        "Publish the BI snapshot and the report without names, e-mails or phone numbers.",
    )
    pseudonym_key: SecretStr | None = env(
        "LEAD_SCORING_PSEUDONYM_KEY",
        None,
        "<a long random text>",
        "Secret mixed into the PII-free variant's lead keys, so they cannot be recomputed.",
        secret=True,
    )
    # --- notifications and tools ---
    slack_webhook_url: SecretStr | None = env(
        "LEAD_SCORING_SLACK_WEBHOOK_URL",
        None,
        "https://hooks.slack.com/services/...",
        "Slack-compatible webhook for hand-offs and failed runs; unset = off.",
        secret=True,
    )
    dbt_executable: FilePath | None = env(
        "LEAD_SCORING_DBT_EXECUTABLE",
        None,
        ".venv/bin/dbt",
        "The dbt to run; unset = the one beside this Python, else dbt on PATH.",
    )
