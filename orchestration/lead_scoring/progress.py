"""One line per stage step on the console of `lead-scoring run` and `demo`.

Assets report here; the commands show these lines (and Dagster's own log only with
--verbose). In the Dagster UI the same words are in each step's log.
"""

import logging

LOGGER = logging.getLogger("lead_scoring.progress")


def report(context, message: str) -> None:
    """A progress line for the console, and an info line in the step's Dagster log."""
    LOGGER.info(message)
    if context is not None:
        context.log.info(message)


def show_on_console(stream) -> logging.Handler:
    """Print progress lines as they are, without Dagster's prefixes; returns the handler."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("  %(message)s"))
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False
    return handler


class Every:
    """Says when a count crossed the next tenth of its total (for "12 of 50 done" lines)."""

    def __init__(self, total: int, parts: int = 4):
        self.total = total
        self.step = max(1, -(-total // parts))
        self.next = self.step

    def crossed(self, done: int) -> bool:
        if done >= self.next or done == self.total:
            self.next = (done // self.step + 1) * self.step
            return True
        return False
