"""CAMT.053 statements for tests: one as a Dutch bank writes it (the shape of the fixtures in
tests/data/bank-statements), for scenarios that need their own amounts, and any statement laid
out again as another program would write the same one."""

from decimal import Decimal
from xml.etree import ElementTree


def camt053(
    statement_id: str,
    day: str,
    opening: Decimal,
    credits: list[tuple[Decimal, str, str, str]],  # amount, payer name, payer IBAN, remittance
    *,
    bank_references: bool = True,
) -> bytes:
    """Without `bank_references` the entries carry no AcctSvcrRef, as some banks write them."""
    entries = "".join(
        f"""
      <Ntry>
        <Amt Ccy="EUR">{amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{day}</Dt></BookgDt>
        <ValDt><Dt>{day}</Dt></ValDt>"""
        + (f"\n        <AcctSvcrRef>{statement_id}-{n}</AcctSvcrRef>" if bank_references else "")
        + f"""
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">{amount}</Amt></TxAmt></AmtDtls>
          <RltdPties>
            <Dbtr><Nm>{name}</Nm></Dbtr>
            <DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct>
          </RltdPties>
          <RmtInf><Ustrd>{text}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>"""
        for n, (amount, name, iban, text) in enumerate(credits, start=1)
    )
    closing = opening + sum((c[0] for c in credits), Decimal(0))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>{statement_id}</MsgId><CreDtTm>{day}T18:00:00Z</CreDtTm></GrpHdr>
    <Stmt>
      <Id>{statement_id}</Id>
      <CreDtTm>{day}T18:00:00Z</CreDtTm>
      <Acct><Id><IBAN>NL77ABNA0574908765</IBAN></Id></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{opening}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{closing}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>{entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def relaid_out(data: bytes) -> bytes:
    """The same statement as another program writes it: the entries in the opposite order, the
    namespace with a prefix, no indentation, Windows line ends between the elements."""
    root = ElementTree.fromstring(data)
    namespace = root.tag[1:].split("}")[0]
    ElementTree.register_namespace("camt", namespace)
    statement = root.find(f"{{{namespace}}}BkToCstmrStmt/{{{namespace}}}Stmt")
    assert statement is not None
    entries = statement.findall(f"{{{namespace}}}Ntry")
    for entry in entries:
        statement.remove(entry)
    statement.extend(reversed(entries))
    for element in root.iter():
        if element.text is not None and not element.text.strip():
            element.text = None
        element.tail = None
    written = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    again = written.replace(b"><", b">\r\n<")
    assert again != data
    return again
