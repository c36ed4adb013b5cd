/**
 * CSV documents for exports, over csv-stringify: RFC 4180 quoting, CRLF line ends, and cells a
 * spreadsheet would run as formulas defused with a leading `'`, as OWASP advises against CSV
 * injection.
 */
import { stringify } from "csv-stringify/sync";

/** What a cell may hold; `null` and `undefined` are empty, a date is written in ISO 8601. */
export type CsvValue = string | number | boolean | Date | null | undefined;

/**
 * A CSV document: a header row, then one row per record, each line ended by CRLF. A cell is
 * quoted when it holds a comma, a quote or any line break (CR or LF), quotes doubled; a text
 * cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (a negative number stays
 * a number).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return stringify([header, ...rows] as CsvValue[][], {
    record_delimiter: "\r\n",
    quoted_match: /[\r\n]/,
    escape_formulas: true,
    cast: { date: (value) => value.toISOString(), boolean: (value) => String(value) },
  });
}
