"""Reading a conversion package (a ZIP file) row by row, never the whole of it in memory: the
manifest, then each kind's file as a stream of rows, each valid (a row model of `conversion`)
or with the errors that name its line and field."""

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from imports_service.conversion import (
    ROW_MODELS,
    FieldError,
    FileEntry,
    Kind,
    Manifest,
    Row,
    RowError,
    from_cells,
)

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1_048_576
MAX_FILE_BYTES = 4 * 1024**3  # a file's size unpacked
MAX_RATIO = 200  # unpacked / packed: beyond it, a zip bomb rather than a file of rows
MAX_LINE_BYTES = 65_536
csv.field_size_limit(MAX_LINE_BYTES)


class PackageError(Exception):
    """The package cannot be read at all: errors that name the manifest or a missing file."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors[0].message if errors else "unreadable package")
        self.errors = errors


@dataclass(frozen=True)
class ParsedRow:
    """A data row at `line` of its file: `row` when valid, else the `errors`."""

    line: int
    row: Row | None
    errors: list[RowError]


def open_package(path: Path) -> tuple[zipfile.ZipFile, Manifest]:
    """The opened ZIP and its manifest; PackageError if it is no ZIP, or has no valid manifest,
    or names a file it does not hold, or holds one unpacked beyond reason."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackageError([RowError("package", 0, None, "not a ZIP file")]) from exc
    try:
        manifest = read_manifest(package)
        errors = [
            error for entry in manifest.files.values() for error in _member_errors(package, entry)
        ]
        if errors:
            raise PackageError(errors)
    except BaseException:
        package.close()
        raise
    return package, manifest


def read_manifest(package: zipfile.ZipFile) -> Manifest:
    def fail(field: str | None, message: str) -> PackageError:
        return PackageError([RowError(MANIFEST, 1, field, message)])

    try:
        info = package.getinfo(MANIFEST)
    except KeyError:
        raise fail(None, "the package holds no manifest.json") from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise fail(None, f"larger than {MAX_MANIFEST_BYTES} bytes")
    try:
        document = json.loads(package.read(info).decode("utf-8-sig"))
    except (ValueError, RecursionError, zipfile.BadZipFile) as exc:
        raise fail(None, "not JSON") from exc
    try:
        return Manifest.model_validate(document)
    except ValidationError as exc:
        raise PackageError(
            [RowError(MANIFEST, 1, field, message) for field, message in _problems(exc)]
        ) from exc


def _member_errors(package: zipfile.ZipFile, entry: FileEntry) -> list[RowError]:
    try:
        info = package.getinfo(entry.file)
    except KeyError:
        return [RowError(MANIFEST, 1, "files", f"the package holds no {entry.file}")]
    if info.file_size > MAX_FILE_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return [RowError(entry.file, 0, None, "unpacked far larger than a file of rows can be")]
    return []


def rows_of(package: zipfile.ZipFile, kind: Kind, entry: FileEntry) -> Iterator[ParsedRow]:
    """Every data row of the kind's file, in order, as it is read."""
    with package.open(entry.file) as stream:
        if entry.file.endswith(".csv"):
            yield from _csv_rows(stream, kind, entry.file)
        else:
            yield from _jsonl_rows(stream, kind, entry.file)


def _csv_rows(stream: IO[bytes], kind: Kind, name: str) -> Iterator[ParsedRow]:
    model = ROW_MODELS[kind]
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            return
        columns = [column.strip() for column in header]
        header_errors = _header_errors(model, columns, name)
        if header_errors:
            yield ParsedRow(1, None, header_errors)
            return
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # a blank line is no row
            if len(cells) != len(columns):
                message = f"{len(cells)} cells where the header has {len(columns)}"
                yield ParsedRow(line, None, [RowError(name, line, None, message)])
                continue
            try:
                values = from_cells(model, dict(zip(columns, cells, strict=True)))
            except FieldError as exc:
                yield ParsedRow(line, None, [RowError(name, line, exc.field, exc.message)])
                continue
            yield _validated(model, values, name, line)
    except UnicodeDecodeError:
        yield ParsedRow(line + 1, None, [RowError(name, line + 1, None, "not UTF-8 text")])
    except csv.Error as exc:
        yield ParsedRow(line + 1, None, [RowError(name, line + 1, None, f"not CSV: {exc}")])


def _header_errors(model: type[Row], columns: list[str], name: str) -> list[RowError]:
    known = set(model.model_fields)
    errors = [
        RowError(name, 1, column, "not a column of this kind of file")
        for column in columns
        if column not in known
    ]
    if len(set(columns)) != len(columns):
        errors.append(RowError(name, 1, None, "a column is named twice"))
    required = [n for n, f in model.model_fields.items() if f.is_required() and n not in columns]
    errors += [RowError(name, 1, column, "required column missing") for column in required]
    return errors


def _jsonl_rows(stream: IO[bytes], kind: Kind, name: str) -> Iterator[ParsedRow]:
    model = ROW_MODELS[kind]
    line = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        line += 1
        if len(raw) > MAX_LINE_BYTES:
            yield ParsedRow(line, None, [RowError(name, line, None, "line too long")])
            return
        if not raw.strip():
            continue
        try:
            values = json.loads(raw.decode("utf-8-sig"))
        except (ValueError, RecursionError):
            yield ParsedRow(line, None, [RowError(name, line, None, "not a JSON object")])
            continue
        if not isinstance(values, dict):
            yield ParsedRow(line, None, [RowError(name, line, None, "not a JSON object")])
            continue
        yield _validated(model, values, name, line)


def _validated(model: type[Row], values: dict[str, Any], name: str, line: int) -> ParsedRow:
    try:
        return ParsedRow(line, model.model_validate(values), [])
    except ValidationError as exc:
        errors = [RowError(name, line, field, message) for field, message in _problems(exc)]
        return ParsedRow(line, None, errors)


def _problems(exc: ValidationError) -> list[tuple[str | None, str]]:
    found = []
    for error in exc.errors(include_url=False, include_input=False):
        field = ".".join(str(part) for part in error["loc"]) or None
        message = "not a field of this kind" if error["type"] == "extra_forbidden" else error["msg"]
        found.append((field, message.removeprefix("Value error, ")))
    return found
