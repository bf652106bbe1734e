"""The tenant as a SEPA creditor in the tests (a valid creditor identifier, IBAN and BIC)."""

CREDITOR = {
    "creditor_id": "NL69ZZZ123456780000",
    "name": "Verzekeringen Noord BV",
    "iban": "NL91ABNA0417164300",
    "bic": "ABNANL2A",
}
