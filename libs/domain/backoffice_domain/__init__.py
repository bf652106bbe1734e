"""The insurance back office's shared domain vocabulary: what several services mean by the same
word (a party, an address, a Dutch postcode, an IBAN). Plumbing is in servicekit, not here."""
