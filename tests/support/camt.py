"""CAMT.053 statements for tests: one as a Dutch bank writes it (the shape of the fixtures in
tests/data/bank-statements), for scenarios that need their own amounts, and any statement laid
out again as another program would write the same one."""

from decimal import Decimal
from xml.etree import ElementTree

# The tenant's account its direct debits are collected into.
CREDITOR_ACCOUNT = "NL91ABNA0417164300"


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
    return _statement(statement_id, day, opening, closing, entries, "NL77ABNA0574908765")


def batch_credit(
    statement_id: str, day: str, opening: Decimal, amount: Decimal, block: str, count: int
) -> bytes:
    """A statement with one batch credit: the bank collected a direct-debit block (its
    payment information id `block`, `count` transactions) and books the total as one line."""
    entry = f"""
      <Ntry>
        <Amt Ccy="EUR">{amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{day}</Dt></BookgDt>
        <ValDt><Dt>{day}</Dt></ValDt>
        <AcctSvcrRef>{statement_id}-1</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd><SubFmlyCd>ESDD</SubFmlyCd></Fmly></Domn>
        </BkTxCd>
        <NtryDtls><Btch>
          <PmtInfId>{block}</PmtInfId>
          <NbOfTxs>{count}</NbOfTxs>
          <TtlAmt Ccy="EUR">{amount}</TtlAmt>
          <CdtDbtInd>CRDT</CdtDbtInd>
        </Btch></NtryDtls>
      </Ntry>"""
    return _statement(statement_id, day, opening, opening + amount, entry, CREDITOR_ACCOUNT)


def direct_debit_returns(
    statement_id: str, day: str, opening: Decimal, returns: list[tuple[Decimal, str, str]]
) -> bytes:
    """A statement of R-transactions: direct debits the bank took back, each (amount, the
    collection's end-to-end id, ISO reason code), as an unpaid direct debit (IDDT/UPDD)."""
    entries = "".join(
        f"""
      <Ntry>
        <Amt Ccy="EUR">{amount}</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{day}</Dt></BookgDt>
        <ValDt><Dt>{day}</Dt></ValDt>
        <AcctSvcrRef>{statement_id}-{n}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd><SubFmlyCd>UPDD</SubFmlyCd></Fmly></Domn>
        </BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>{end_to_end}</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">{amount}</Amt></TxAmt></AmtDtls>
          <RltdPties>
            <Cdtr><Nm>Verzekeringen Noord BV</Nm></Cdtr>
            <CdtrAcct><Id><IBAN>{CREDITOR_ACCOUNT}</IBAN></Id></CdtrAcct>
          </RltdPties>
          <RtrInf><Rsn><Cd>{reason}</Cd></Rsn></RtrInf>
        </TxDtls></NtryDtls>
      </Ntry>"""
        for n, (amount, end_to_end, reason) in enumerate(returns, start=1)
    )
    closing = opening - sum((r[0] for r in returns), Decimal(0))
    return _statement(statement_id, day, opening, closing, entries, CREDITOR_ACCOUNT)


def _statement(
    statement_id: str, day: str, opening: Decimal, closing: Decimal, entries: str, account: str
) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>{statement_id}</MsgId><CreDtTm>{day}T18:00:00Z</CreDtTm></GrpHdr>
    <Stmt>
      <Id>{statement_id}</Id>
      <CreDtTm>{day}T18:00:00Z</CreDtTm>
      <Acct><Id><IBAN>{account}</IBAN></Id></Acct>
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
