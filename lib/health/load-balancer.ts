import { readObjectList, readString } from "./fields";

/** The addresses in `status.loadBalancer.ingress` (IPs or host names), as Services and Ingresses report them. */
export function loadBalancerAddresses(obj: unknown): string[] {
  return readObjectList(obj, "status.loadBalancer.ingress").map(
    (entry) => readString(entry, "ip") ?? readString(entry, "hostname") ?? "(no address)",
  );
}
