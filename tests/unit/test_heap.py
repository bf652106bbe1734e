"""What a service does with its heap once started (servicekit.heap)."""

import gc
import weakref

from servicekit import heap


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_settle_frees_startups_garbage_and_sets_what_is_left_aside() -> None:
    threshold = gc.get_threshold()
    try:
        cycle = Node()
        cycle.other = Node()
        cycle.other.other = cycle
        garbage = weakref.ref(cycle)
        kept = Node()
        del cycle
        frozen_before = gc.get_freeze_count()

        heap.settle()

        assert garbage() is None, "a cycle left over from startup is collected, not frozen"
        assert gc.get_freeze_count() > frozen_before
        assert gc.is_tracked(kept) and gc.get_threshold()[0] == heap.YOUNG_THRESHOLD
        assert gc.get_threshold()[1:] == threshold[1:]
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
