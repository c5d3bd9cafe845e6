"""Zoho's official v8 OpenAPI specs as jsonschema validators, entirely offline.

The specs `$ref` each other by absolute raw.githubusercontent URL; those refs are rewritten to
the local files in ../shared/reference/zoho-crm-v8 (or $ZOHO_OAS_DIR), served by a
`referencing` registry that never touches the network. Two OpenAPI 3.0 notions are mapped to
JSON Schema: `nullable: true` adds "null" to the type, and (strict mode) an object schema
with `properties` but no `additionalProperties` gets `additionalProperties: false`, so a
body with a key the spec does not define fails. Strict mode also makes the spec's `oneOf`s
decidable: its branches have no `required`, so without it a data wrapper also "matches"
API_Exception and every oneOf would fail.
"""

import json
import os
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REMOTE = "https://raw.githubusercontent.com/Zohocorp-Pvt-Ltd/crm-oas/refs/heads/main/v8.0/"
REPO_ROOT = Path(__file__).resolve().parents[2]


def spec_dir() -> Path:
    configured = os.environ.get("ZOHO_OAS_DIR")
    folder = Path(configured) if configured else REPO_ROOT.parent / "shared/reference/zoho-crm-v8"
    if not (folder / "record.json").exists():
        message = f"Zoho v8 OpenAPI specs not found in {folder} (set ZOHO_OAS_DIR)"
        if os.environ.get("CI"):  # CI has shared/ beside the clone: a missing spec is a failure
            pytest.fail(message)
        pytest.skip(message)
    return folder


def _transform(node, base: str, strict: bool):
    if isinstance(node, list):
        return [_transform(item, base, strict) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _transform(value, base, strict) for key, value in node.items()}
    if isinstance(node.get("$ref"), str) and node["$ref"].startswith(REMOTE):
        node["$ref"] = base + node["$ref"][len(REMOTE) :]
    if node.pop("nullable", False) and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
        if "enum" in node:
            node["enum"] = [*node["enum"], None]
    if strict and isinstance(node.get("properties"), dict):
        node.setdefault("additionalProperties", False)
    return node


def _date_time(value) -> bool:
    """RFC 3339 date-time, offset required (Zoho's format, e.g. 2026-11-20T10:15:00+09:00)."""
    try:
        return datetime.fromisoformat(value).tzinfo is not None and "T" in value
    except (TypeError, ValueError):
        return not isinstance(value, str)


def _date(value) -> bool:
    try:
        return bool(date.fromisoformat(value))
    except (TypeError, ValueError):
        return not isinstance(value, str)


FORMATS = FormatChecker()
FORMATS.checks("date-time")(_date_time)
FORMATS.checks("date")(_date)


class Spec:
    """Validators for schemas inside the spec files, by JSON location."""

    def __init__(self, strict: bool = True, patch=None):
        self.folder = spec_dir()
        self.base = self.folder.as_uri() + "/"
        self.strict = strict
        self.patch = patch  # patch(file_name, document) -> None, for a documented relaxation
        self.registry = Registry(retrieve=self._retrieve)

    def _retrieve(self, uri: str) -> Resource:
        if not uri.startswith(self.base):
            raise LookupError(f"refusing to fetch {uri}: only the local spec files")
        name = uri[len(self.base) :]
        document = _transform(json.loads((self.folder / name).read_text()), self.base, self.strict)
        if self.patch:
            self.patch(name, document)
        return Resource.from_contents(document, default_specification=DRAFT202012)

    def validator(self, file: str, *location: str) -> Draft202012Validator:
        pointer = "/".join(part.replace("~", "~0").replace("/", "~1") for part in location)
        schema = {"$ref": f"{self.base}{file}#/{pointer}"}
        return Draft202012Validator(schema, registry=self.registry, format_checker=FORMATS)

    def response(self, file: str, path: str, method: str, status: str = "200"):
        content = ("responses", status, "content", "application/json", "schema")
        return self.validator(file, "paths", path, method, *content)

    def request(self, file: str, path: str, method: str):
        content = ("requestBody", "content", "application/json", "schema")
        return self.validator(file, "paths", path, method, *content)

    def component(self, file: str, name: str):
        return self.validator(file, "components", "schemas", name)


def assert_valid(validator: Draft202012Validator, instance) -> None:
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if errors:
        details = "\n".join(
            f"- at {list(e.absolute_path)}: {e.message[:300]}"
            + "".join(f"\n    ({c.message[:200]})" for c in (e.context or [])[:4])
            for e in errors[:5]
        )
        pytest.fail(f"does not match the spec:\n{details}")


def assert_invalid(validator: Draft202012Validator, instance) -> None:
    assert list(validator.iter_errors(instance)), "expected the spec to refuse this instance"


@cache
def spec() -> Spec:
    return Spec()
