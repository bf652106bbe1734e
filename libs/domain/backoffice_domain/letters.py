"""The customer documents of the back office (premium invoice, credit note, policy schedule,
reminders) as Dutch A4 PDFs, rendered with reportlab's standard Helvetica fonts.

One layout for every document: the letterhead at the top of the first page, the addressee where a
Dutch window envelope shows it (20 mm from the left, 50 mm from the top), then the facts, the
title and the blocks, which flow onto further pages; "Pagina 1 van 2" in every footer.

Data is never markup: text is escaped before reportlab's paragraph parser sees it, and characters
the WinAnsi encoding of the standard fonts cannot show become '?', so no customer's name can break
a render. The same inputs give the same bytes (reportlab's invariant mode), so a document can be
rendered again later and compared, or stored by its hash.
"""

import functools
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from xml.sax.saxutils import escape

from PIL import Image
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

__all__ = ["Block", "Letter", "Letterhead", "Table", "check_logo", "dutch_date", "euro", "render"]

CENT = Decimal("0.01")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def euro(amount: Decimal) -> str:
    """Dutch money: Decimal('1234.56') -> '€ 1.234,56'; Decimal('-5') -> '€ -5,00'; always two
    decimals, '.' thousands separator, ',' decimal, quantized half-up to cents (never '-0,00',
    which reversing a zero line on a credit note would otherwise give)."""
    if not amount.is_finite():
        raise ValueError("not a finite amount")
    cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    whole, fraction = f"{abs(cents):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"€ {sign}{grouped},{fraction}"


def dutch_date(day: date) -> str:
    """date(2026, 11, 28) -> '28 november 2026' (Dutch month names, lower case, no leading zero)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Letterhead:
    name: str
    address_lines: tuple[str, ...] = ()  # e.g. ("Keizersgracht 1", "1015 CD Amsterdam")
    contact_lines: tuple[str, ...] = ()  # e.g. ("020 123 45 67", "info@example.nl", "KvK ...")
    logo_png: bytes | None = None  # a PNG, already checked by the caller (check_logo)


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    amount_columns: frozenset[int] = frozenset()  # right-aligned columns
    totals: tuple[tuple[str, ...], ...] = ()  # rows printed bold under a rule


Block = str | Table  # a paragraph of text, or a table


@dataclass(frozen=True)
class Letter:
    title: str  # "Premienota"
    addressee: tuple[str, ...]  # name, street and number, postcode and city
    facts: tuple[tuple[str, str], ...]  # label/value pairs, e.g. ("Notanummer", "INV-000012")
    blocks: tuple[Block, ...] = ()
    test: bool = False  # test documents say TEST across every page


# --- Logo --------------------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LOGO_MAX_BYTES = 256 * 1024
LOGO_MAX_SIDE = 2000


def check_logo(data: bytes) -> bytes:
    """Accept a logo: a PNG (signature), decodable by Pillow, at most 256 KiB and at most
    2000x2000 pixels; returns the bytes unchanged, ValueError otherwise. The size in the header is
    checked before decoding, so a small file that inflates to gigabytes is refused unread."""
    if len(data) > LOGO_MAX_BYTES:
        raise ValueError("logo is larger than 256 KiB")
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("logo is not a PNG")
    try:
        image = Image.open(io.BytesIO(data), formats=["PNG"])
    except Image.DecompressionBombError as exc:  # a header far beyond any sane size
        raise ValueError("logo is larger than 2000x2000 pixels") from exc
    except Exception as exc:  # Pillow raises many kinds (OSError, SyntaxError, ...)
        raise ValueError("logo is not a readable PNG") from exc
    with image:
        width, height = image.size
        if width > LOGO_MAX_SIDE or height > LOGO_MAX_SIDE:
            raise ValueError("logo is larger than 2000x2000 pixels")
        try:
            image.load()
        except Exception as exc:  # truncated or corrupt image data
            raise ValueError("logo is not a readable PNG") from exc
    return data


@functools.lru_cache(maxsize=8)
def _logo_image(data: bytes) -> tuple[ImageReader, int, int]:
    """The logo decoded once per process, not once per document: an office's invoices all carry
    the same logo. Converted to RGB(A) so palette and grey PNGs with transparency keep it."""
    with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        converted = image.convert("RGBA" if has_alpha else "RGB")
    return ImageReader(converted), converted.width, converted.height


# --- Text --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _printable(char: str) -> str:
    """What the standard fonts (WinAnsi, i.e. cp1252) can show for `char`."""
    category = unicodedata.category(char)
    if category in ("Zl", "Zp"):
        return "\n"
    if category == "Zs" or category == "Cc":
        return " "
    if category == "Cf" and char != "\xad":
        return ""  # zero-width joiners and direction marks: invisible anyway
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return "?"
    return char


def _plain(text: str) -> str:
    """`text` as the fonts can show it: line breaks kept as '\\n', other control characters as
    spaces, characters outside WinAnsi as '?'. Composed first, so 'e' + accent stays 'é'."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and text.replace("\n", "").isprintable():
        return text
    text = unicodedata.normalize("NFC", text)
    return "".join(c if c == "\n" else _printable(c) for c in text)


@functools.lru_cache(maxsize=4096)
def _char_width(char: str, font: str, size: float) -> float:
    return float(stringWidth(char, font, size))


LONG_WORD = re.compile(r"[^ \n]{200,}")


def _paragraph(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """`text` as a paragraph at most `width` wide: reportlab's markup characters escaped, lines
    kept. Very long words are cut into pieces that fit beforehand, because reportlab measures
    such a word again character by character on every wrap (seconds for 10,000 characters)."""

    def pieces(found: re.Match[str]) -> str:
        word, cuts, run = found.group(), [0], 0.0
        for index, char in enumerate(word):
            run += _char_width(char, style.fontName, style.fontSize)
            if run > width and index > cuts[-1]:
                cuts.append(index)
                run = _char_width(char, style.fontName, style.fontSize)
        return " ".join(word[a:b] for a, b in zip(cuts, [*cuts[1:], len(word)], strict=True))

    shown = LONG_WORD.sub(pieces, _plain(text))
    return Paragraph(escape(shown).replace("\n", "<br/>"), style)


# --- Layout ------------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 20 * mm  # the window of a Dutch envelope starts here
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 22 * mm
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
WINDOW_TOP = 50 * mm
WINDOW_WIDTH = 85 * mm
WINDOW_LINES = 6
FIRST_FRAME_TOP = 88 * mm  # below the window
LATER_FRAME_TOP = 20 * mm
FOOTER_BASELINE = 12 * mm
LOGO_BOX = (50 * mm, 22 * mm)
LETTERHEAD_LINES = 5  # per column: the letterhead must end above the window

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
TEXT_SIZE = 9.5
CELL_SIZE = 9.0
CELL_PADDING = 4.0
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.93, 0.93, 0.93)

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=TEXT_SIZE, leading=13, spaceAfter=6)
TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=16, leading=20, spaceBefore=8)
CELL = ParagraphStyle("cell", fontName=REGULAR, fontSize=CELL_SIZE, leading=11, alignment=TA_LEFT)
CELL_RIGHT = ParagraphStyle("cell-right", parent=CELL, alignment=TA_RIGHT)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName=BOLD)
CELL_BOLD_RIGHT = ParagraphStyle("cell-bold-right", parent=CELL_BOLD, alignment=TA_RIGHT)
FACT_LABEL = ParagraphStyle("fact-label", parent=CELL, textColor=GREY)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` on one line of at most `width`, cut with '…' where it is longer: for the fixed
    places on the first page (letterhead, window), which cannot grow."""
    # No glyph of the standard fonts is narrower than 0.19 em: a longer text cannot fit, and
    # measuring all of it (a pasted 10,000-character word) would only cost time.
    text = text[: int(width / (0.19 * size)) + 2]
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _lines(texts: Sequence[str], font: str, size: float, width: float, limit: int) -> list[str]:
    """`texts` as at most `limit` lines of at most `width` each."""
    lines = [line for text in texts for line in _plain(text).split("\n")]
    return [_fit(line, font, size, width) for line in lines[:limit]]


def _draw_letterhead(canvas: Canvas, letterhead: Letterhead) -> None:
    """Name bold, address and contact lines small in two columns, logo top right."""
    top = PAGE_HEIGHT - MARGIN_TOP
    text_width = CONTENT_WIDTH
    if letterhead.logo_png is not None:
        reader, pixels_wide, pixels_high = _logo_image(letterhead.logo_png)
        scale = min(LOGO_BOX[0] / pixels_wide, LOGO_BOX[1] / pixels_high)
        width, height = pixels_wide * scale, pixels_high * scale
        x = PAGE_WIDTH - MARGIN_RIGHT - width
        canvas.drawImage(reader, x, top - height, width, height, mask="auto")
        text_width = CONTENT_WIDTH - LOGO_BOX[0] - 5 * mm
    canvas.setFillColor(colors.black)
    canvas.setFont(BOLD, 14)
    name = _fit(_plain(letterhead.name).replace("\n", " "), BOLD, 14, text_width)
    canvas.drawString(MARGIN_LEFT, top - 12, name)
    column = (text_width - 5 * mm) / 2
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(GREY)
    for x, texts in (
        (MARGIN_LEFT, letterhead.address_lines),
        (MARGIN_LEFT + column + 5 * mm, letterhead.contact_lines),
    ):
        for number, line in enumerate(_lines(texts, REGULAR, 8.5, column, LETTERHEAD_LINES)):
            canvas.drawString(x, top - 28 - number * 10.5, line)


def _draw_addressee(canvas: Canvas, addressee: Sequence[str]) -> None:
    """The addressee where the envelope window shows it; a line too long for it is cut."""
    canvas.setFillColor(colors.black)
    canvas.setFont(REGULAR, 10.5)
    lines = _lines(addressee, REGULAR, 10.5, WINDOW_WIDTH, WINDOW_LINES)
    for number, line in enumerate(lines):
        canvas.drawString(MARGIN_LEFT, PAGE_HEIGHT - WINDOW_TOP - 10.5 - number * 13, line)


class _LetterCanvas(Canvas):
    """A canvas that holds its pages back until the end, so each footer can say how many pages
    there are ("Pagina 1 van 2") in one pass, and lays the TEST watermark over everything."""

    def __init__(self, *args: Any, footer: str, test: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._test = test
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._finish_page(total)
            super().showPage()
        super().save()

    def _finish_page(self, total: int) -> None:
        self.saveState()
        self.setFont(REGULAR, 8)
        self.setFillColor(GREY)
        self.drawString(MARGIN_LEFT, FOOTER_BASELINE, self._footer)
        number = f"Pagina {self._pageNumber} van {total}"
        self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, FOOTER_BASELINE, number)
        if self._test:
            # Over the content, light and translucent: nobody can mistake it for a real
            # document, and everything under it stays readable.
            self.setFillColor(colors.Color(0.6, 0.6, 0.6), alpha=0.35)
            self.setFont(BOLD, 180)
            self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            self.rotate(50)
            self.drawCentredString(0, -60, "TEST")
        self.restoreState()


def _column_widths(natural: list[float], amounts: frozenset[int], width: float) -> list[float]:
    """Widths for columns whose widest text is `natural`: every column that fits its fair
    share keeps its width (amounts, dates), the wide ones share the rest and wrap; space left
    over goes to the text columns, where descriptions read better for it."""
    count = len(natural)
    if sum(natural) <= width:
        text_columns = [i for i in range(count) if i not in amounts] or list(range(count))
        spare = (width - sum(natural)) / len(text_columns)
        return [w + spare if i in text_columns else w for i, w in enumerate(natural)]
    widths = [0.0] * count
    remaining, left = width, count
    for i in sorted(range(count), key=lambda i: natural[i]):
        share = remaining / left
        widths[i] = min(natural[i], share)
        remaining -= widths[i]
        left -= 1
    return widths


def _table(table: Table) -> Flowable | None:
    """`table` as a reportlab table: header repeated on every page, rows split across pages
    when one is taller than a page (a 10,000-character description)."""
    count = max(len(row) for row in (table.columns, *table.rows, *table.totals))
    if count == 0:
        return None
    header = 1 if table.columns else 0
    rows: list[list[str]] = [
        [_plain(cell) for cell in row] + [""] * (count - len(row))
        for row in ((table.columns,) if header else ()) + table.rows + table.totals
    ]
    first_total = len(rows) - len(table.totals)
    bold = {*range(header), *range(first_total, len(rows))}
    measured = [
        [
            max(
                stringWidth(line, BOLD if r in bold else REGULAR, CELL_SIZE)
                for line in cell.split("\n")
            )
            for cell in row
        ]
        for r, row in enumerate(rows)
    ]
    natural = [max(row[c] for row in measured) + 2 * CELL_PADDING + 1 for c in range(count)]
    widths = _column_widths(natural, table.amount_columns, CONTENT_WIDTH)
    data: list[list[str | Paragraph]] = []
    for r, row in enumerate(rows):
        cells: list[str | Paragraph] = []
        for c, cell in enumerate(row):
            if "\n" not in cell and measured[r][c] + 2 * CELL_PADDING <= widths[c]:
                cells.append(cell)  # one line: drawn as is, much faster than a paragraph
                continue
            right = c in table.amount_columns
            if r in bold:
                style = CELL_BOLD_RIGHT if right else CELL_BOLD
            else:
                style = CELL_RIGHT if right else CELL
            cells.append(_paragraph(cell, style, widths[c] - 2 * CELL_PADDING))
        data.append(cells)
    # A header repeats on every page only when it is a few lines at most: a header taller
    # than a page could never be placed, and would stop the whole document.
    short_header = all(measured[0][c] <= 4 * widths[c] for c in range(count)) if header else False
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, CELL_SIZE, 11),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for c in sorted(table.amount_columns):
        if 0 <= c < count:
            commands.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
    if header:
        commands += [
            ("FONT", (0, 0), (-1, 0), BOLD, CELL_SIZE, 11),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.75, RULE),
        ]
    if table.totals:
        commands += [
            ("FONT", (0, first_total), (-1, -1), BOLD, CELL_SIZE, 11),
            ("LINEABOVE", (0, first_total), (-1, first_total), 0.75, colors.black),
        ]
    pdf_table = PdfTable(
        data,
        colWidths=widths,
        style=TableStyle(commands),
        repeatRows=header if short_header else 0,
        splitInRow=1,
        hAlign="LEFT",
    )
    pdf_table.spaceAfter = 8
    return pdf_table


def _facts(facts: Sequence[tuple[str, str]]) -> Flowable | None:
    """The label/value pairs (invoice number, date, policy) as a small two-column block."""
    if not facts:
        return None
    labels = [_plain(label) for label, _ in facts]
    label_width = min(
        max(stringWidth(label, REGULAR, CELL_SIZE) for label in labels) + 2 * CELL_PADDING + 1,
        55 * mm,
    )
    value_width = CONTENT_WIDTH - label_width
    data: list[list[str | Paragraph]] = []
    for label, (_, value) in zip(labels, facts, strict=True):
        shown = _plain(value)
        fits = "\n" not in shown and (
            stringWidth(shown, REGULAR, CELL_SIZE) + 2 * CELL_PADDING <= value_width
        )
        data.append(
            [
                _paragraph(label, FACT_LABEL, label_width - CELL_PADDING)
                if stringWidth(label, REGULAR, CELL_SIZE) + 2 * CELL_PADDING > label_width
                else label,
                shown if fits else _paragraph(shown, CELL, value_width - 2 * CELL_PADDING),
            ]
        )
    table = PdfTable(
        data,
        colWidths=[label_width, value_width],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, CELL_SIZE, 11),
                ("TEXTCOLOR", (0, 0), (0, -1), GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("LEFTPADDING", (1, 0), (1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        ),
        splitInRow=1,
        hAlign="LEFT",
    )
    return table


def _story(letter: Letter) -> list[Flowable]:
    """The flowing part of the letter: facts, title, then the blocks in order."""
    story: list[Flowable] = []
    facts = _facts(letter.facts)
    if facts is not None:
        story += [facts, Spacer(0, 4 * mm)]
    story.append(_paragraph(letter.title, TITLE, CONTENT_WIDTH))
    story.append(Spacer(0, 3 * mm))
    for block in letter.blocks:
        if isinstance(block, Table):
            table = _table(block)
            if table is not None:
                story.append(table)
        elif block.strip():
            story.append(_paragraph(block, BODY, CONTENT_WIDTH))
    return story


def _frame(name: str, top: float) -> Frame:
    """The text area of a page whose text starts `top` below the page's top edge."""
    height = PAGE_HEIGHT - top - MARGIN_BOTTOM
    return Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name,
    )  # fmt: skip


def render(letterhead: Letterhead, letter: Letter) -> bytes:
    """The letter as PDF bytes (A4); the same inputs give the same bytes."""
    buffer = io.BytesIO()
    first = _frame("first", FIRST_FRAME_TOP)
    later = _frame("later", LATER_FRAME_TOP)

    def first_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        _draw_letterhead(canvas, letterhead)
        _draw_addressee(canvas, letter.addressee)

    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[
            PageTemplate("first", [first], onPage=first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [later]),
        ],
        title=_plain(letter.title),
        author=_plain(letterhead.name),
        creator="backoffice",
        producer="backoffice",
        invariant=1,  # fixed dates and document id: same inputs, same bytes
    )
    footer = _fit(_plain(letterhead.name).replace("\n", " "), REGULAR, 8, CONTENT_WIDTH / 2)
    document.build(
        _story(letter),
        canvasmaker=functools.partial(_LetterCanvas, footer=footer, test=letter.test),
    )
    return buffer.getvalue()
