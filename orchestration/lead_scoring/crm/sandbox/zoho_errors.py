"""Zoho's error bodies: `{"code", "details", "message", "status": "error"}`.

Codes and messages are the ones listed in the v8 OpenAPI spec (record.json API_Exception).
"""


def error(code: str, message: str, **details) -> dict:
    return {"code": code, "details": details, "message": message, "status": "error"}


def invalid_data(api_name: str, json_path: str, **extra) -> dict:
    return error("INVALID_DATA", "invalid data", api_name=api_name, json_path=json_path, **extra)


def invalid_param(param_name: str) -> dict:
    return error("INVALID_DATA", "invalid data", param_name=param_name)


def mandatory_not_found(api_name: str, json_path: str) -> dict:
    return error(
        "MANDATORY_NOT_FOUND", "required field not found", api_name=api_name, json_path=json_path
    )


def required_param_missing(param: str) -> dict:
    return error("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", param=param)


def limit_exceeded(limit: int) -> dict:
    return error("LIMIT_EXCEEDED", "Record count exceeded", limit=limit)


def invalid_module() -> dict:
    return error(
        "INVALID_MODULE", "The module name given seems to be invalid", resource_path_index=0
    )


def invalid_url() -> dict:
    return error("INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one")


def invalid_method() -> dict:
    return error("INVALID_REQUEST_METHOD", "The http request method type is not a valid one")


def invalid_body() -> dict:
    return error("INVALID_DATA", "body")


INVALID_TOKEN = error("INVALID_TOKEN", "invalid oauth token")
AUTHENTICATION_FAILURE = error("AUTHENTICATION_FAILURE", "Authentication failed")
INTERNAL_ERROR = error("INTERNAL_ERROR", "Internal server error occurred.")
# Not in the spec's enum (the spec lists no 429); the code Zoho documents for throttling.
TOO_MANY_REQUESTS = error("TOO_MANY_REQUESTS", "too many requests")
# Zoho's answer to page * per_page > 2,000 without a page_token (not in the spec's enum).
DISCRETE_PAGINATION_LIMIT = error(
    "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
    "You can fetch only 2000 records using page and per_page; use page_token beyond that",
)
