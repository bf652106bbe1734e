"""Ids drawn from the buffered randomness are version-4 UUIDs, all different, in every thread."""

import uuid
from concurrent.futures import ThreadPoolExecutor

from servicekit.ids import new_id


def test_ids_are_random_version_4_uuids_never_repeated() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = [
            i
            for batch in pool.map(lambda _: [new_id() for _ in range(1000)], range(8))
            for i in batch
        ]
    assert len(set(ids)) == len(ids) == 8000
    parsed = [uuid.UUID(i) for i in ids]
    assert {u.version for u in parsed} == {4}
    assert {u.variant for u in parsed} == {uuid.RFC_4122}
    assert all(str(u) == i for u, i in zip(parsed, ids, strict=True))
