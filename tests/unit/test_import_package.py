"""Reading a conversion package (no servers): the example in examples/conversion/ reads without
an error and adds up to its manifest; each kind of mistake is named by file, line and field."""

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from imports_service.conversion import KINDS, Kind, RowError, row_problems
from imports_service.package import PackageError, ParsedRow, open_package, rows_of
from imports_service.report import Tally, manifest_errors

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "conversion"
CONTROL = {"debtors": "1300", "creditors": "1600"}


def package(tmp_path: Path, changes: dict[str, str | None] | None = None) -> Path:
    """The example as a ZIP, with files replaced (or left out, None) by `changes`."""
    files = {p.name: p.read_text() for p in EXAMPLE.iterdir()}
    for name, text in (changes or {}).items():
        if text is None:
            files.pop(name, None)
        else:
            files[name] = text
    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in files.items():
            out.writestr(name, text)
    return path


def read(path: Path) -> tuple[dict[Kind, Tally], list[RowError]]:
    zf, manifest = open_package(path)
    tallies: dict[Kind, Tally] = {}
    errors: list[RowError] = []
    with zf:
        for kind in KINDS:
            entry = manifest.files.get(kind)
            if entry is None:
                continue
            tallies[kind] = Tally()
            parsed: ParsedRow
            for parsed in rows_of(zf, kind, entry):
                tallies[kind].add(kind, parsed.row)
                errors += parsed.errors
                if parsed.row is not None:
                    errors += [
                        RowError(entry.file, parsed.line, f, m)
                        for f, m in row_problems(parsed.row, manifest.cut_off)
                    ]
    return tallies, errors + manifest_errors(manifest, tallies, CONTROL)


def example(name: str) -> str:
    return (EXAMPLE / name).read_text()


def test_the_example_package_reads_clean_and_adds_up(tmp_path: Path) -> None:
    tallies, errors = read(package(tmp_path))
    assert errors == []
    assert {k: t.rows for k, t in tallies.items()} == {
        "relations": 6,
        "policies": 3,
        "debtor_items": 2,
        "creditor_items": 1,
        "opening_balances": 4,
        "claims": 1,
    }
    assert tallies["policies"].totals == {"annual_premium": Decimal("305.53")}
    assert tallies["opening_balances"].balances["1600"] == Decimal("-310.00")


def test_each_mistake_is_named_by_file_line_and_field(tmp_path: Path) -> None:
    relations = example("relations.csv").replace("NL91ABNA0417164300", "NL91ABNA0417164301")
    relations = relations.replace("1012 LG", "1012 SA")
    policies = example("policies.jsonl").splitlines()
    policies[1] = policies[1].replace('"frequency": "annual"', '"frequency": "weekly"')
    policies[2] = "{not json"
    claims = example("claims.csv").replace("2026-11-20", "2027-01-20")
    manifest = json.loads(example("manifest.json"))
    manifest["files"]["debtor_items"]["totals"]["amount"] = "41.42"
    _, errors = read(
        package(
            tmp_path,
            {
                "relations.csv": relations,
                "policies.jsonl": "\n".join(policies) + "\n",
                "claims.csv": claims,
                "manifest.json": json.dumps(manifest),
            },
        )
    )
    found = {(e.file, e.line, e.field) for e in errors}
    assert ("relations.csv", 3, "iban") in found
    assert ("relations.csv", 3, "postcode") in found
    assert ("policies.jsonl", 2, "frequency") in found
    assert ("policies.jsonl", 3, None) in found
    assert ("claims.csv", 2, "loss_date") in found
    assert ("manifest.json", 1, "files.debtor_items.totals.amount") in found
    # The unreadable policy also leaves the premium total short of the manifest's.
    assert ("manifest.json", 1, "files.policies.totals.annual_premium") in found
    assert len(errors) == 7, errors


def test_the_books_must_balance_and_agree_with_the_open_items(tmp_path: Path) -> None:
    balances = example("opening_balances.csv").replace("0900,0.00,4731.43", "0900,0.00,4731.42")
    manifest = json.loads(example("manifest.json"))
    manifest["files"]["opening_balances"]["totals"] = {}
    manifest["files"]["opening_balances"]["balances"]["0900"] = "-4731.42"
    debtors = example("debtor_items.csv").replace(",9.44,", ",9.45,")
    manifest["files"]["debtor_items"]["totals"]["amount"] = "41.44"
    _, errors = read(
        package(
            tmp_path,
            {
                "opening_balances.csv": balances,
                "debtor_items.csv": debtors,
                "manifest.json": json.dumps(manifest),
            },
        )
    )
    messages = {(e.field, e.message) for e in errors}
    assert (
        "files.opening_balances",
        "the opening balances do not balance: debit 5041.43, credit 5041.42",
    ) in messages
    assert (
        "files.debtor_items",
        "the open items add up to 41.44, the opening balance of debtors control (1300) is 41.43",
    ) in messages
    assert len(errors) == 2, errors


def test_a_header_that_does_not_fit_stops_that_file_only(tmp_path: Path) -> None:
    claims = example("claims.csv").replace("claimant_ref", "claimant")
    tallies, errors = read(package(tmp_path, {"claims.csv": claims}))
    assert [(e.file, e.line, e.field) for e in errors if e.file == "claims.csv"] == [
        ("claims.csv", 1, "claimant")
    ]
    assert tallies["relations"].valid == 6


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"manifest.json": None}, None, "the package holds no manifest.json"),
        ({"claims.csv": None}, "files", "the package holds no claims.csv"),
        ({"manifest.json": "[" * 5000}, None, "not JSON"),
        ({"manifest.json": '{"format": "other"}'}, "format", None),
    ],
)
def test_a_package_that_cannot_be_read_says_why(
    tmp_path: Path, changes: dict[str, str | None], field: str | None, message: str | None
) -> None:
    with pytest.raises(PackageError) as refused:
        open_package(package(tmp_path, changes))
    first = refused.value.errors[0]
    assert (first.file, first.field) == ("manifest.json", field)
    if message:
        assert first.message == message


def test_not_a_zip_and_a_zip_bomb_are_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.zip"
    plain.write_bytes(b"relations;policies\n")
    with pytest.raises(PackageError, match="not a ZIP file"):
        open_package(plain)
    bomb = package(tmp_path, {"claims.csv": example("claims.csv") + "\n" * 50_000_000})
    with pytest.raises(PackageError) as refused:
        open_package(bomb)
    assert refused.value.errors[0].file == "claims.csv"
