"""Customer documents as PDF: Dutch amounts and dates, what a reader finds on the page (read back
with pypdf), long tables flowing onto numbered pages, the TEST watermark, the same bytes for the
same letter, hostile text that renders as text, and logos that are refused before decoding."""

import io
import struct
import zlib
from datetime import date
from decimal import Decimal

import pytest
from PIL import Image
from pypdf import PdfReader

from backoffice_domain.letters import (
    Letter,
    Letterhead,
    Table,
    check_logo,
    dutch_date,
    euro,
    render,
)

D = Decimal

OFFICE = Letterhead(
    name="Zuiderzee Verzekeringen B.V.",
    address_lines=("Keizersgracht 1", "1015 CD Amsterdam"),
    contact_lines=("020 123 45 67", "info@zuiderzee.example", "KvK 12345678"),
)


def invoice(rows: int = 2, *, test: bool = False, **changes: object) -> Letter:
    lines = tuple(
        (
            f"Inboedelverzekering termijn {n}",
            "1 januari 2026 - 31 december 2026",
            euro(D("1234.56")),
        )
        for n in range(1, rows + 1)
    )
    fields: dict[str, object] = {
        "title": "Premienota",
        "addressee": ("Mevrouw A. Jansen", "Dorpsstraat 12", "1234 AB Ergenshuizen"),
        "facts": (("Notanummer", "INV-000012"), ("Datum", dutch_date(date(2026, 11, 28)))),
        "blocks": (
            "Geachte mevrouw Jansen,",
            Table(
                columns=("Omschrijving", "Periode", "Bedrag"),
                rows=lines,
                amount_columns=frozenset({2}),
                totals=(("Totaal", "", euro(D("1234.56") * rows)),),
            ),
            "Met vriendelijke groet,",
        ),
        "test": test,
    }
    fields.update(changes)
    return Letter(**fields)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def png(width: int = 40, height: int = 20, mode: str = "RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims its size but holds no pixels: decoding it would be the mistake."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (D("0"), "€ 0,00"),
        (D("-0.00"), "€ 0,00"),
        (D("1234.56"), "€ 1.234,56"),
        (D("1000000"), "€ 1.000.000,00"),
        (D("999.999"), "€ 1.000,00"),
        (D("-5"), "€ -5,00"),
        (D("-1234.5"), "€ -1.234,50"),
        (D("0.005"), "€ 0,01"),
        (D("0.004"), "€ 0,00"),
        (D("-0.005"), "€ -0,01"),
    ],
)
def test_amounts_are_written_the_dutch_way(amount: Decimal, text: str) -> None:
    assert euro(amount) == text


def test_an_amount_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        euro(D("NaN"))


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 11, 28), "28 november 2026"),
        (date(2026, 1, 1), "1 januari 2026"),
        (date(2025, 3, 9), "9 maart 2025"),
        (date(2024, 12, 31), "31 december 2024"),
    ],
)
def test_dates_are_written_the_dutch_way(day: date, text: str) -> None:
    assert dutch_date(day) == text


def test_an_invoice_shows_letterhead_addressee_facts_title_and_amounts() -> None:
    (text,) = pages_text(render(OFFICE, invoice()))
    for expected in (
        "Zuiderzee Verzekeringen B.V.",
        "Keizersgracht 1",
        "info@zuiderzee.example",
        "Mevrouw A. Jansen",
        "1234 AB Ergenshuizen",
        "Notanummer",
        "INV-000012",
        "28 november 2026",
        "Premienota",
        "Geachte mevrouw Jansen,",
        "Inboedelverzekering termijn 2",
        "€ 1.234,56",
        "€ 2.469,12",
        "Pagina 1 van 1",
    ):
        assert expected in text
    assert "TEST" not in text


def test_the_pdf_is_a4() -> None:
    page = PdfReader(io.BytesIO(render(OFFICE, invoice()))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_dutch_accents_come_out_as_written() -> None:
    letter = invoice(addressee=("Dhr. Zoë Brontë-Hé", "Ruïnelaan 3", "9999 ZZ Één"))
    (text,) = pages_text(render(OFFICE, letter))
    assert "Dhr. Zoë Brontë-Hé" in text
    assert "Ruïnelaan 3" in text


def test_a_long_table_flows_onto_numbered_pages_with_its_header() -> None:
    texts = pages_text(render(OFFICE, invoice(rows=80)))
    assert len(texts) > 1
    assert "Pagina 2 van" in texts[1]
    assert all(f"Pagina {n} van {len(texts)}" in text for n, text in enumerate(texts, 1))
    assert all("Omschrijving" in text for text in texts if "termijn" in text)
    everything = "\n".join(texts)
    assert all(f"Inboedelverzekering termijn {n}\n" in everything for n in range(1, 81))
    assert "€ 98.764,80" in texts[-1]  # the total, at the end
    assert "Met vriendelijke groet," in texts[-1]


def test_a_test_document_says_test_on_every_page() -> None:
    texts = pages_text(render(OFFICE, invoice(rows=80, test=True)))
    assert len(texts) > 1
    assert all("TEST" in text for text in texts)


def test_a_real_document_has_no_watermark() -> None:
    texts = pages_text(render(OFFICE, invoice(rows=80)))
    assert not any("TEST" in text for text in texts)


def test_the_same_letter_gives_the_same_bytes() -> None:
    office = Letterhead(OFFICE.name, OFFICE.address_lines, OFFICE.contact_lines, png())
    first = render(office, invoice(rows=80, test=True))
    assert render(office, invoice(rows=80, test=True)) == first
    assert render(office, invoice(rows=79, test=True)) != first


@pytest.mark.parametrize(
    "hostile",
    [
        "<b>vet</b> & <font size=40>groot</font> &amp; <br/> </para>",
        "NUL\x00byte\x07bel\x1bescape",
        "emoji 😀👨‍👩‍👧 and 中文 and \U0010ffff and \ud800",
        "w" * 10_000,
        "",
    ],
)
def test_hostile_text_renders_everywhere(hostile: str) -> None:
    office = Letterhead(hostile, (hostile,), (hostile,))
    letter = Letter(
        title=hostile,
        addressee=(hostile, hostile),
        facts=((hostile, hostile), ("Polisnummer", hostile)),
        blocks=(
            hostile,
            Table(
                columns=(hostile, "Bedrag"),
                rows=((hostile, hostile),),
                amount_columns=frozenset({1}),
            ),
            Table(columns=(), rows=((hostile,), (hostile, hostile, hostile))),
            Table(columns=(), rows=()),
        ),
    )
    texts = pages_text(render(office, letter))
    assert "Pagina 1 van" in texts[0]


def test_markup_in_data_is_printed_not_obeyed() -> None:
    letter = invoice(title="Nota <b>2</b> & co &amp;", blocks=("Prijs < 5 & > 3 <br/> klaar",))
    (text,) = pages_text(render(OFFICE, letter))
    assert "Nota <b>2</b> & co &amp;" in text
    assert "Prijs < 5 & > 3 <br/> klaar" in text


def test_characters_the_font_lacks_become_question_marks() -> None:
    (text,) = pages_text(render(OFFICE, invoice(blocks=("Klant 王 zegt 😀 hoi",))))
    assert "Klant ? zegt ? hoi" in text


def test_a_very_long_word_is_printed_in_full_across_pages() -> None:
    word = "x" * 10_000
    texts = pages_text(render(OFFICE, invoice(blocks=(Table(("Omschrijving",), ((word,),)),))))
    assert len(texts) > 1
    assert "\n".join(texts).count("x") >= 10_000


@pytest.mark.parametrize("mode", ["RGBA", "RGB", "P", "L", "LA", "1"])
def test_a_logo_is_embedded(mode: str) -> None:
    logo = check_logo(png(mode=mode))
    office = Letterhead(OFFICE.name, OFFICE.address_lines, OFFICE.contact_lines, logo)
    page = PdfReader(io.BytesIO(render(office, invoice()))).pages[0]
    assert len(page.images) == 1
    assert OFFICE.name in page.extract_text()


def test_a_good_logo_is_accepted_unchanged() -> None:
    logo = png(2000, 2000, "L")
    assert check_logo(logo) is logo


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"GIF89a" + b"\x00" * 100, "not a PNG"),
        (b"", "not a PNG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (256 * 1024), "256 KiB"),
        (png_header(5000, 5000), "2000x2000"),
        (png_header(2001, 10), "2000x2000"),
        (png_header(200_000, 200_000), "2000x2000"),
        (png_header(100, 100), "not a readable PNG"),  # no image data
        (png()[:-30], "not a readable PNG"),  # truncated
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "not a readable PNG"),
    ],
)
def test_a_bad_logo_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        check_logo(data)
