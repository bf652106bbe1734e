/** The rating trace of a quote, as the product service writes it (English, one step a line),
 * in the reader's language: the fixed words are translated, numbers and the product's own texts
 * (coverage codes, question keys, acceptance reasons) stay as they are. */

const DUTCH: [RegExp, string][] = [
  [/ not answered → condition does not hold$/, " niet beantwoord → voorwaarde geldt niet"],
  [/ not answered → factor skipped$/, " niet beantwoord → factor overgeslagen"],
  [/: does not hold$/, ": geldt niet"],
  [/: holds$/, ": geldt"],
  [/, equals /, ", is gelijk aan "],
  [/, less than /, ", kleiner dan "],
  [/, greater than /, ", groter dan "],
  [/^acceptance (\d+): accept: /, "acceptatie $1: accepteren: "],
  [/^acceptance (\d+): refer: /, "acceptatie $1: beoordelen: "],
  [/^acceptance (\d+): decline: /, "acceptatie $1: afwijzen: "],
  [/^acceptance (\d+):/, "acceptatie $1:"],
  [/^decision: accept$/, "besluit: accepteren"],
  [/^decision: refer$/, "besluit: beoordelen"],
  [/^decision: decline$/, "besluit: afwijzen"],
  [/: base (\S+) a year$/, ": basis $1 per jaar"],
  [/: base /, ": basis "],
  [/ is below the minimum /, " ligt onder het minimum "],
  [/ is at least the minimum /, " is minstens het minimum "],
  [/: yearly /, ": per jaar "],
  [/: annual /, ": jaarlijks "],
  [/: quarterly /, ": per kwartaal "],
  [/: monthly /, ": per maand "],
  [/: tax /, ": assurantiebelasting "],
  [/: factor (\S+) skipped$/, ": factor $1 overgeslagen"],
  [/ in (\S+) to (\S+) →/, " in $1 t/m $2 →"],
  [/^net /, "netto "],
  [/^commission /, "provisie "],
  [/^tax /, "assurantiebelasting "],
  [/^total /, "totaal "],
  [/ \(rounded half up\)$/, " (afgerond, halve cent naar boven)"],
];

const DERIVED: [RegExp, string][] = [
  [/\bage\(/g, "leeftijd("],
  [/\bpostcode_area\(/g, "postcodegebied("],
];

export function traceLine(line: string, language: string): string {
  if (language !== "nl") return line;
  let out = line;
  for (const [pattern, replacement] of [...DUTCH, ...DERIVED]) out = out.replace(pattern, replacement);
  return out;
}
