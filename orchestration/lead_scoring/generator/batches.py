"""Event batches: a dict of equally long numpy columns, one row per event."""

import numpy as np

Batch = dict[str, np.ndarray]


def make(columns: dict[str, np.dtype], n: int, **values) -> Batch:
    """A batch of n rows; columns not given are zero (scalars are broadcast)."""
    out = {}
    for name, dtype in columns.items():
        value = values.pop(name, 0)
        out[name] = np.broadcast_to(np.asarray(value, dtype=dtype), (n,)).copy()
    if values:
        raise KeyError(f"unknown columns {sorted(values)}")
    return out


def concat(columns: dict[str, np.dtype], batches: list[Batch]) -> Batch:
    return {
        name: np.concatenate([b[name] for b in batches] or [np.empty(0, dtype)])
        for name, dtype in columns.items()
    }


def take(batch: Batch, index: np.ndarray) -> Batch:
    return {name: values[index] for name, values in batch.items()}


def sort_by_time(batch: Batch, *tiebreak: str) -> Batch:
    """Stable order by timestamp then the tie-break columns: identical input, identical output."""
    keys = [batch[name] for name in reversed(tiebreak)] + [batch["ts"]]
    return take(batch, np.lexsort(keys))
