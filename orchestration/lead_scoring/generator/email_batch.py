"""Columns of an e-mail event batch."""

import numpy as np

EMAIL_COLUMNS = {
    "person": np.int64,
    "ts": np.int64,  # ms since epoch; written as Unix seconds
    "kind": np.int8,  # codes.EMAIL_KINDS
    "send": np.int64,  # one id per mail sent: sg_message_id and smtp-id derive from it
    "campaign": np.int32,  # week number since the window's first Monday
    "link": np.int8,  # which of the campaign's links was clicked
    "detail": np.int8,  # bounce type; 1 on group unsubscribes
}
