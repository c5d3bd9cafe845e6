"""What every request handler needs: the store, the live config, the fault injector, a clock."""

import time
from dataclasses import dataclass, field

from lead_scoring.crm.sandbox.config import SandboxConfig
from lead_scoring.crm.sandbox.faults import FaultInjector
from lead_scoring.crm.sandbox.store import Store
from lead_scoring.crm.sandbox.timefmt import format_ts


@dataclass
class SandboxContext:
    store: Store
    config: SandboxConfig
    faults: FaultInjector
    base_url: str = ""
    clock: object = field(default=time.time)

    def now(self) -> float:
        return self.clock()

    def stamp(self, ts: float) -> str:
        """A Zoho timestamp in the CRM user's time zone."""
        return format_ts(ts, self.config.timezone)
