"""The Zoho CRM v8 client the pipeline uses, against real Zoho or the local sandbox.

client = ZohoCrmClient(ZohoSettings.from_env())
for page in client.iter_pages("Leads", ["Email", "Last_Name"], modified_since=since):
    land(page.source, page.records)
results = client.update("Leads", changed[:100])  # by id; trigger from the settings
"""

import random
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

import requests

from lead_scoring.crm import bulk_read, wide_reads
from lead_scoring.crm.auth import TokenManager
from lead_scoring.crm.batching import chunked, run_batches
from lead_scoring.crm.credits import CreditMeter, call_credits
from lead_scoring.crm.errors import CrmAuthError, CrmBatchTooLarge, CrmError
from lead_scoring.crm.metrics import CrmMetrics
from lead_scoring.crm.ratelimit import TokenBucket
from lead_scoring.crm.results import BatchResult, Page, RecordResult
from lead_scoring.crm.settings import ZohoSettings
from lead_scoring.crm.transport import Transport, error_code

MAX_RECORDS_PER_CALL = 100
# per-record answers come with these statuses (400: every record failed)
PER_RECORD_STATUSES = (200, 201, 202, 207, 400)


class ZohoCrmClient:
    def __init__(
        self,
        settings: ZohoSettings,
        *,
        sleep=time.sleep,
        clock=time.monotonic,
        rng: random.Random | None = None,
    ):
        # clock and sleep pace the rate limit and age the token (tests inject a fake pair)
        self.settings = settings
        self.metrics = CrmMetrics()
        self._sleep = sleep
        self.credits = CreditMeter()  # the caller sets `allowance` from the daily budget
        rate = settings.requests_per_second
        limiter = TokenBucket(rate, clock=clock, sleep=sleep) if rate else None
        self._transport = Transport(settings, self.metrics, limiter=limiter, sleep=sleep, rng=rng)
        self._tokens = TokenManager(settings, self._transport, self.metrics, clock=clock)

    def __repr__(self) -> str:
        return f"ZohoCrmClient(api_domain={self.api_domain!r})"

    @property
    def api_domain(self) -> str:
        """The token answer's `api_domain` once known (Zoho's advice), else the setting."""
        return self._tokens.api_domain or self.settings.api_domain

    def refresh_token(self) -> None:
        """Get an access token now (a cheap probe of the credentials); CrmError when refused."""
        self._tokens.token()

    @property
    def stats(self) -> CrmMetrics:
        """Alias of `metrics` (api_calls, retries, throttled...)."""
        return self.metrics

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> "ZohoCrmClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict | None = None,
        json: dict | None = None,
        headers: dict | None = None,
        idempotent: bool = True,
    ) -> requests.Response:
        """One authorised API call with retries; on 401 refresh the token and try once more.

        `idempotent=False` (creates): retried after 429 only; see `transport`.
        """
        endpoint = f"{method} {path}"
        self.credits.charge(endpoint, call_credits(method, path, json))
        for _ in range(2):
            token = self._tokens.token()
            auth = {"Authorization": f"Zoho-oauthtoken {token}"}
            response = self._transport.send(
                method,
                self.api_domain + path,
                endpoint=endpoint,
                params=params,
                json=json,
                headers={**(headers or {}), **auth},
                idempotent=idempotent,
            )
            if response.status_code != 401:
                return response
            self._tokens.invalidate(token)
        code = error_code(response)
        raise CrmAuthError(
            f"{endpoint} refused a freshly refreshed access token ({code})",
            endpoint=endpoint,
            status=401,
            code=code,
        )

    # reading ----------------------------------------------------------------------------

    def iter_pages(
        self,
        module: str,
        fields: Sequence[str],
        modified_since: datetime | None = None,
        per_page: int = 200,
        *,
        sort_by: str | None = None,
        sort_order: str | None = None,
    ) -> Iterator[Page]:
        """Each page of `module` (only records modified after `modified_since`, if given);
        more than 50 fields are read in groups of 50 and merged (`wide_reads`)."""
        return wide_reads.iter_pages(
            self.request, module, fields, modified_since, per_page, sort_by, sort_order
        )

    def iter_bulk_pages(
        self,
        module: str,
        fields: Sequence[str],
        modified_since: datetime | None = None,
        *,
        poll_seconds: float = 10.0,
    ) -> Iterator[Page]:
        """Every record of `module` (modified after `modified_since`, if given) through the
        Bulk Read API: no 100,000-record cap; values come as the CSV's text (`bulk_read`)."""
        return bulk_read.iter_bulk_pages(
            self.request,
            module,
            fields,
            modified_since,
            poll_seconds=poll_seconds,
            sleep=self._sleep,
        )

    def iter_records(
        self, module: str, fields: Sequence[str], modified_since=None, per_page: int = 200
    ) -> Iterator[dict]:
        for page in self.iter_pages(module, fields, modified_since, per_page):
            yield from page.records

    # writing ----------------------------------------------------------------------------

    def upsert(
        self,
        module: str,
        records: Sequence[dict],
        duplicate_check_fields: Sequence[str] | None = None,
        *,
        trigger: Sequence[str] | None = None,
    ) -> list[RecordResult]:
        """Insert or update up to 100 records matched on duplicate-check fields (Email for
        Leads); one answer per record, in order. To change a record whose id is known, `update`.
        """
        body = self._write_body(records, trigger)
        if duplicate_check_fields:
            body["duplicate_check_fields"] = list(duplicate_check_fields)
        return self._write("POST", f"/crm/v8/{module}/upsert", body, len(body["data"]))

    def update(
        self, module: str, records: Sequence[dict], *, trigger: Sequence[str] | None = None
    ) -> list[RecordResult]:
        """Update up to 100 records by their `id` (`PUT /crm/v8/{module}`), in order."""
        body = self._write_body(records, trigger)
        return self._write("PUT", f"/crm/v8/{module}", body, len(body["data"]))

    def _write_body(self, records: Sequence[dict], trigger: Sequence[str] | None) -> dict:
        """`trigger` always sent: None means the configured `write_triggers` (default none:
        no workflow, approval or blueprint runs on our writes); Zoho runs them all when absent.
        """
        chosen = self.settings.write_triggers if trigger is None else trigger
        return {"data": list(records), "trigger": list(chosen)}

    def create_records(
        self, module: str, records: Sequence[dict], *, trigger: Sequence[str] | None = None
    ) -> list[RecordResult]:
        """Insert up to 100 records (e.g. Tasks); one answer per record, in order.

        Retried after 429 only: after a 5xx or a timeout the records may exist already (Zoho
        has no idempotency key), so the CrmError goes to the caller, who checks before
        sending again.
        """
        body = self._write_body(records, trigger)
        return self._write("POST", f"/crm/v8/{module}", body, len(body["data"]), idempotent=False)

    def add_tags(
        self, module: str, ids: Sequence[str], tag_names: Iterable[str], *, over_write: bool = False
    ) -> list[RecordResult]:
        """Add tags to up to 100 records; one answer per record id, in order."""
        body = {
            "tags": [{"name": name} for name in tag_names],
            "ids": [str(i) for i in ids],
            "over_write": over_write,
        }
        return self._write("POST", f"/crm/v8/{module}/actions/add_tags", body, len(body["ids"]))

    def upsert_all(
        self,
        module: str,
        records: Sequence[dict],
        duplicate_check_fields: Sequence[str] | None = None,
        *,
        batch_size: int = MAX_RECORDS_PER_CALL,
        trigger: Sequence[str] | None = None,
    ) -> list[BatchResult]:
        """Upsert any number of records in batches, `settings.max_workers` at a time."""
        batches = chunked(records, batch_size)
        return run_batches(
            lambda batch: self.upsert(module, batch, duplicate_check_fields, trigger=trigger),
            batches,
            self.settings.max_workers,
        )

    def _write(
        self, method: str, path: str, body: dict, count: int, *, idempotent: bool = True
    ) -> list[RecordResult]:
        endpoint = f"{method} {path}"
        if count > MAX_RECORDS_PER_CALL:
            raise CrmBatchTooLarge(
                f"{endpoint} takes at most {MAX_RECORDS_PER_CALL} records per call, got {count}",
                endpoint=endpoint,
            )
        if count == 0:
            return []  # nothing to send: no call at all
        response = self.request(method, path, json=body, idempotent=idempotent)
        try:
            answer = response.json()
        except ValueError:
            answer = None
        data = answer.get("data") if isinstance(answer, dict) else None
        per_record = isinstance(data, list) and len(data) == count
        if response.status_code in PER_RECORD_STATUSES and per_record:
            return [RecordResult.from_answer(item, response.status_code) for item in data]
        code = error_code(response)
        raise CrmError(
            f"{endpoint} answered HTTP {response.status_code}" + (f" {code}" if code else ""),
            endpoint=endpoint,
            status=response.status_code,
            code=code,
        )
