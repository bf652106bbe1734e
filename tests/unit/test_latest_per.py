"""A batch of events kept as copies by key: each key once, as its last event has it, in the order
the keys first came (what the same events applied one by one leave behind)."""

from servicekit.events import Event, latest_per


def _changed(relation: str, name: str) -> Event:
    return Event.new("policy", "relation.changed", "t", {"relation_id": relation, "name": name})


def test_each_key_once_as_its_last_event_has_it_in_first_seen_order() -> None:
    events = [
        _changed("a", "Jansen"),
        _changed("b", "Smit"),
        _changed("a", "Jansen-Visser"),
        _changed("c", "Bakker"),
        _changed("b", "Smit-de Wit"),
    ]
    kept = latest_per(events, lambda e: e.data["relation_id"])
    assert [(e.data["relation_id"], e.data["name"]) for e in kept] == [
        ("a", "Jansen-Visser"),
        ("b", "Smit-de Wit"),
        ("c", "Bakker"),
    ]
    assert kept[0] is events[2]


def test_keys_that_never_recur_are_kept_as_they_came() -> None:
    events = [_changed(str(n), f"name {n}") for n in range(5)]
    assert latest_per(events, lambda e: e.data["relation_id"]) == events
    assert latest_per([], lambda e: e.id) == []
