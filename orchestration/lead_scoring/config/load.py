"""Reading the settings model from the environment, with one line per unusable value."""

import os
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import urlsplit

from pydantic import SecretStr, ValidationError

from lead_scoring.config.errors import SettingsError
from lead_scoring.config.model import Settings

PREFIX = "LEAD_SCORING_"
MASK = "***"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
CREDENTIALS = ("crm_client_id", "crm_client_secret", "crm_refresh_token")


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from `environ` (default: the process environment); empty = unset."""
    environ = os.environ if environ is None else environ
    values = {k: v for k, v in environ.items() if k.startswith(PREFIX) and v.strip()}
    return _load(tuple(sorted(values.items())))


def current() -> Settings:
    return load()


@lru_cache(maxsize=32)
def _load(values: tuple[tuple[str, str], ...]) -> Settings:
    try:
        settings = Settings.model_validate(dict(values))
    except ValidationError as err:
        raise SettingsError([_line(error, dict(values)) for error in err.errors()]) from None
    problems = _cross_field_problems(settings)
    if problems:
        raise SettingsError(problems)
    return settings


def variable(field: str) -> str:
    return Settings.model_fields[field].alias


def example(field: str) -> str:
    return Settings.model_fields[field].json_schema_extra["example"]


def is_secret(field: str) -> bool:
    return Settings.model_fields[field].json_schema_extra["secret"]


def shown(field: str, value) -> str:
    """A value fit to print: secrets masked, unset as '(unset)'."""
    if value is None or value == "":
        return "(unset)"
    if is_secret(field):
        return MASK
    return value.get_secret_value() if isinstance(value, SecretStr) else str(value)


def problem(field: str, value, reason: str) -> str:
    name = variable(field)
    text = MASK if is_secret(field) else repr(value)
    return (
        f"{name}={text} is not usable: {reason}. A good value: {name}={example(field)} "
        "(set it in the environment or .env; see .env.example)"
    )


def _line(error: dict, values: dict) -> str:
    alias = error["loc"][0]
    field = next(f for f, info in Settings.model_fields.items() if info.alias == alias)
    reason = error["msg"].removeprefix("Value error, ")
    return problem(field, values.get(alias, ""), reason[:1].lower() + reason[1:])


def _cross_field_problems(s: Settings) -> list[str]:
    problems = []
    if s.published_duckdb is not None and s.published_duckdb.resolve() == s.duckdb.resolve():
        problems.append(
            problem(
                "published_duckdb",
                str(s.published_duckdb),
                "it is LEAD_SCORING_DUCKDB itself; the BI snapshot must be a separate file",
            )
        )
    api_domain = s.crm_urls()[0]
    if s.crm != "none" and urlsplit(api_domain).hostname not in LOCAL_HOSTS:
        for field in CREDENTIALS:
            if getattr(s, field) is None:
                problems.append(
                    f"{variable(field)} is required for {api_domain} (only the local "
                    f"sandbox has default credentials); e.g. {variable(field)}={example(field)}"
                )
    hook = s.slack_webhook_url
    if hook is not None and not hook.get_secret_value().startswith(("https://", "http://")):
        problems.append(problem("slack_webhook_url", hook, "expected an http(s) URL"))
    return problems
