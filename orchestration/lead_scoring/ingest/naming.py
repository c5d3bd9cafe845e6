"""How a source's field name becomes a raw column name."""

import re

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def raw_column_name(source_key: str) -> str:
    """`No_of_Employees` -> `no_of_employees`, `anonymousId` -> `anonymous_id`,
    `smtp-id` -> `smtp_id`, `$se_module` -> `se_module`."""
    name = _CAMEL_BOUNDARY.sub("_", source_key.lstrip("$"))
    return name.replace("-", "_").lower()
