import { expect } from "vitest";
import type { HealthStatus } from "@/lib/types";
import { assessHealth } from "../assess";
import { fixture } from "./load";

/** One row of a health table: a fixture, what it owns, and the verdict expected. */
export interface HealthCase {
  /** The test's name, a sentence. */
  name: string;
  fixture: string;
  children?: string[];
  status: HealthStatus;
  message: string;
}

/** Assesses a case's fixture and compares status and message exactly. */
export function expectCase({ fixture: name, children = [], status, message }: HealthCase): void {
  expect(assessHealth(fixture(name), { children: children.map(fixture) })).toEqual({ status, message });
}
