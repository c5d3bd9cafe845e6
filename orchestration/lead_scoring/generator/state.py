"""What the simulation remembers from one day to the next, per person."""

from dataclasses import dataclass

import numpy as np

from lead_scoring.generator.timeline import NEVER, Window


@dataclass
class State:
    reidentify: np.ndarray  # identified before the window: the first visit in it re-identifies
    webinar: np.ndarray  # webinar index the person registered for last, -1 for none
    hot_ms: np.ndarray  # first strong buying signal (inquiry, quote, price list), NEVER if none
    unsubscribed: np.ndarray
    bounced: np.ndarray
    spam_reported: np.ndarray


def initial_state(identify_ms: np.ndarray, window: Window) -> State:
    n = len(identify_ms)
    return State(
        reidentify=identify_ms < window.start_ms,
        webinar=np.full(n, -1, np.int32),
        hot_ms=np.full(n, NEVER, np.int64),
        unsubscribed=np.zeros(n, bool),
        bounced=np.zeros(n, bool),
        spam_reported=np.zeros(n, bool),
    )
