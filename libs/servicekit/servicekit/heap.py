"""The garbage collector's share of a request.

A service's heap is mostly what it made at startup: modules, routes, models, the SQLAlchemy
metadata. CPython's collector walks all of it in every full collection, and with its default
thresholds it collects the young generation every 700 allocations: under load, a request now
and then paid for a walk of the whole heap, which showed in the slowest hundredth of quotes.
"""

import gc

# Young objects allocated between collections (CPython's default is 700). A request allocates a
# few thousand, nearly all of them gone when it ends, so collecting every 700 mostly found
# nothing to free; the older generations keep CPython's ratios.
YOUNG_THRESHOLD = 20_000


def settle() -> None:
    """After startup: collect once, move what survived out of the collector's sight for good
    (`gc.freeze`), and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
