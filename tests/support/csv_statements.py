"""CSV statements for tests: one saved again as a spreadsheet saves it."""

import csv
import io


def spreadsheet_copy(text: str) -> str:
    """The statement as a spreadsheet saves it again: columns in another order and one added,
    every cell quoted, amounts without trailing zeros, IBANs without spaces, Windows line
    ends."""
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    columns = ["description", "Amount", "Date", "booked by", "IBAN", "Name", "Reference"]
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        amount = row["amount"].rstrip("0").rstrip(".") if "." in row["amount"] else row["amount"]
        writer.writerow(
            [
                row["description"],
                amount,
                row["date"],
                "bank",
                row["iban"].replace(" ", ""),
                row["name"],
                row["reference"],
            ]
        )
    return out.getvalue()
