import { z } from "zod";

/** A query flag: `true` or `false` (also `1`/`0`, `yes`/`no`); absent is false. */
export const flag = (description: string) => z.stringbool().default(false).meta({ description });
