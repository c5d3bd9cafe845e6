"""Columns of a web event batch and a helper to build track events."""

import numpy as np

from lead_scoring.generator import batches, site

WEB_COLUMNS = {
    "actor": np.int64,  # index into WebActors
    "ts": np.int64,  # event time, ms since epoch (UTC)
    "kind": np.int8,  # codes.WEB_KINDS
    "page": np.int16,  # site.PAGES index for context.page, -1 for server-side events
    "ref": np.int16,  # referrer: a page index, or NO_REFERRER + external referrer index
    "detail": np.int16,  # form type, asset, webinar or trade show index
    "user": np.bool_,  # the actor is identified at this moment (userId present)
}
SERVER_SIDE = -1  # `page` of events sent from a server (badge scanner): no browser context


def track(actor, ts, kind: int, detail, page) -> batches.Batch:
    return batches.make(
        WEB_COLUMNS,
        len(actor),
        actor=actor,
        ts=ts,
        kind=kind,
        detail=detail,
        page=page,
        ref=site.NO_REFERRER,
    )
