import type { importsNl } from "./imports.nl";

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English strings of the import screens; the type makes every Dutch key required here too. */
export const importsEn: Strings<typeof importsNl> = {
  title: "Portfolio import",
  intro:
    "A conversion package (a ZIP with manifest.json and a file per kind) is dry-run first: everything is checked, nothing is written to the books.",
  package: "Conversion package (.zip)",
  handIn: "Hand in the package",
  handedIn: "Package handed in as {{number}}; the dry run is under way.",
  number: "Number",
  source: "Source system",
  cutOff: "Cut-off date",
  by: "Handed in by",
  at: "Handed in at",
  errors: "Errors",
  empty: "No imports yet.",
  statuses: {
    checking: "Dry run under way",
    checked: "Checked",
    rejected: "Rejected",
    failed: "Failed",
    loading: "Loading",
    loaded: "Loaded",
    withdrawn: "Withdrawn",
  },
  progress: "{{done}} of {{total}} rows read",
  grant: "Under support access {{grant}}",
  report: "Report per kind",
  kind: "Kind",
  file: "File",
  rowsStated: "Rows in the manifest",
  rowsFound: "Rows in the file",
  valid: "Valid",
  totalsStated: "Totals in the manifest",
  totalsFound: "Totals in the file",
  kinds: {
    relations: "Relations",
    policies: "Policies",
    debtor_items: "Open debtor items",
    creditor_items: "Open creditor items",
    opening_balances: "Opening balances",
    claims: "Open claims",
  },
  errorList: "Errors with file, line and field",
  line: "Line",
  field: "Field",
  message: "Message",
  noErrors: "No errors found.",
  back: "All imports",
};
