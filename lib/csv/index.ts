/**
 * lib/csv — CSV exports (the audit log, the drift report) written one way, by csv-stringify.
 */
export { toCsv, type CsvValue } from "./to-csv";
