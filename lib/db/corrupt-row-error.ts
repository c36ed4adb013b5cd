/**
 * A stored row whose JSON column does not hold what Lockstep wrote there: a hand edit, a
 * downgrade, a bug. Raised on read instead of letting an untyped value flow on, and not a
 * domain error: the caller can do nothing about it, so the edge answers it as a server fault
 * and the log keeps the table, column, row and the validation issues (`cause`).
 */
export class CorruptRowError extends Error {
  /** The table (Prisma model) read. */
  readonly table: string;
  /** The JSON column that failed validation. */
  readonly column: string;
  /** The row's id (its primary key). */
  readonly rowId: string;

  constructor(where: { table: string; column: string; rowId: string }, options: { cause?: unknown } = {}) {
    super(`The ${where.column} column of ${where.table} row "${where.rowId}" does not hold valid data.`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CorruptRowError";
    this.table = where.table;
    this.column = where.column;
    this.rowId = where.rowId;
  }
}

/** True for a {@link CorruptRowError}. */
export function isCorruptRowError(error: unknown): error is CorruptRowError {
  return error instanceof CorruptRowError;
}
