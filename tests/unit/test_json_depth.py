"""How deeply a JSON body nests, counted without parsing it (brackets in strings do not count)."""

import json

import pytest

from servicekit.http import json_depth


@pytest.mark.parametrize(
    ("document", "depth"),
    [
        ({}, 1),
        ({"a": [1, {"b": "[[[{{{"}]}, 3),
        ({"q": 'a \\" [ " { \\\\'}, 1),
        ([[[[[]]]]], 5),
        ("just text [", 0),
        ({"a": [{"b": [{"c": []}]}]}, 6),
    ],
)
def test_depth_counts_structure_not_text(document: object, depth: int) -> None:
    assert json_depth(json.dumps(document).encode()) == depth


def test_a_deep_document_is_counted_whole() -> None:
    assert json_depth(b"[" * 900 + b"]" * 900) == 900
