"""Constants shared by the client and the sandbox: sandbox credentials and variable names.

The sandbox accepts these documented credentials unless the environment (or its flags) set
others; they are test values, not secrets.
"""

SANDBOX_URL = "http://127.0.0.1:8765"
SANDBOX_CLIENT_ID = "1000.SANDBOX0CLIENT0ID"
SANDBOX_CLIENT_SECRET = "sandbox-client-secret"
SANDBOX_REFRESH_TOKEN = "1000.sandbox.refresh-token"

ENV_PREFIX = "LEAD_SCORING_CRM_"
CREDENTIAL_ENV = {
    "client_id": f"{ENV_PREFIX}CLIENT_ID",
    "client_secret": f"{ENV_PREFIX}CLIENT_SECRET",
    "refresh_token": f"{ENV_PREFIX}REFRESH_TOKEN",
}
