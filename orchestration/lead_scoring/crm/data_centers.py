"""Zoho data centres: each has its own accounts server (OAuth) and API domain.

An org lives in one data centre; its OAuth client and tokens only work there. Zoho also names
the API domain in every token answer (`api_domain`), which wins over this table when present.
"""

# LEAD_SCORING_CRM_DATA_CENTER -> (accounts URL, API domain), from Zoho's multi-DC OAuth docs
DATA_CENTERS = {
    "com": ("https://accounts.zoho.com", "https://www.zohoapis.com"),
    "eu": ("https://accounts.zoho.eu", "https://www.zohoapis.eu"),
    "in": ("https://accounts.zoho.in", "https://www.zohoapis.in"),
    "com.au": ("https://accounts.zoho.com.au", "https://www.zohoapis.com.au"),
    "jp": ("https://accounts.zoho.jp", "https://www.zohoapis.jp"),
    "ca": ("https://accounts.zohocloud.ca", "https://www.zohoapis.ca"),
    "sa": ("https://accounts.zoho.sa", "https://www.zohoapis.sa"),
    "uk": ("https://accounts.zoho.uk", "https://www.zohoapis.uk"),
    "com.cn": ("https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"),
}


def data_center_urls(name: str, variable: str) -> tuple[str, str]:
    """(accounts URL, API domain) of a data centre; a clear error naming the choices."""
    key = name.strip().lower().lstrip(".")
    if key not in DATA_CENTERS:
        choices = ", ".join(DATA_CENTERS)
        raise ValueError(f"{variable}={name!r} is not a Zoho data centre; use one of {choices}")
    return DATA_CENTERS[key]
