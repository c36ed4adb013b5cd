import { HealthCheckError, readObjectList, readString } from "./fields";

/** One entry of a `status.conditions` list, as most kinds report them. */
export interface Condition {
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: string;
  reason: string;
  message: string;
}

/** The conditions of an object, or of a list at another path. */
export function readConditions(obj: unknown, path = "status.conditions"): Condition[] {
  return readObjectList(obj, path).map((item, index) => {
    const at = (field: string) => readString(item, field) ?? "";
    const type = at("type");
    if (!type) throw new HealthCheckError(`${path}[${index}] has no type.`);
    return { type, status: at("status"), reason: at("reason"), message: at("message") };
  });
}

/** The condition of a type, if reported. */
export function findCondition(conditions: Condition[], type: string): Condition | undefined {
  return conditions.find((condition) => condition.type === type);
}

/** True when a condition of the type is reported with status `True`. */
export function isConditionTrue(conditions: Condition[], type: string): boolean {
  return findCondition(conditions, type)?.status === "True";
}

/** `Reason: message`, or whichever of the two is present. */
export function describeCondition(condition: Condition): string {
  return [condition.reason, condition.message].filter(Boolean).join(": ");
}
