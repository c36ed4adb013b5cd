/**
 * The manifests both sides are given: N objects, Deployments, Services and ConfigMaps in
 * turn, one file per object (or one multi-document file per app at scale), without
 * namespaces so each side places them in its own. A "variant" changes every tenth object.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** The kinds of the workload, in the order they repeat. */
export const WORKLOAD_KINDS = ["Deployment", "Service", "ConfigMap"] as const;

/** How the objects of a workload are named and which variant they are. */
export interface WorkloadOptions {
  /** Name prefix of every object, e.g. `w` → `w-0001`. */
  prefix: string;
  /** Number of objects. */
  count: number;
  /**
   * Variant of the changed objects (every tenth, indices 0, 10, 20...); 1 is the base, 2, 3... each change them again.
   * @default 1
   */
  variant?: number;
}

const pad = (i: number) => String(i).padStart(4, "0");

/** True when object `index` is one of the 10% that a new variant changes. */
export function isChangedByVariant(index: number): boolean {
  return index % 10 === 0;
}

function deployment(name: string, variant: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: { app: ${name}, tier: web }
spec:
  replicas: 1
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name}, tier: web }
    spec:
      containers:
        - name: web
          image: registry.example.com/bench/web:1.${variant}.0
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests: { cpu: 10m, memory: 16Mi }
`;
}

function service(name: string, variant: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  labels: { app: ${name} }
spec:
  selector: { app: ${name} }
  ports:
    - name: http
      port: 80
      targetPort: ${8079 + variant}
`;
}

function configMap(name: string, variant: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  labels: { app: ${name} }
data:
  release: "${variant}"
  settings.yaml: |
    logLevel: info
    cacheSeconds: 30
    featureFlags: [search, export]
`;
}

const RENDER = { Deployment: deployment, Service: service, ConfigMap: configMap };

/** One object of the workload: its file name and YAML. */
export interface WorkloadObject {
  index: number;
  kind: (typeof WORKLOAD_KINDS)[number];
  name: string;
  fileName: string;
  yaml: string;
}

/** The objects of a workload, in order. */
export function workloadObjects(options: WorkloadOptions): WorkloadObject[] {
  const variant = options.variant ?? 1;
  return Array.from({ length: options.count }, (_, index) => {
    const kind = WORKLOAD_KINDS[index % WORKLOAD_KINDS.length] as WorkloadObject["kind"];
    const name = `${options.prefix}-${pad(index)}`;
    const objectVariant = isChangedByVariant(index) ? variant : 1;
    return { index, kind, name, fileName: `${pad(index)}-${kind.toLowerCase()}-${name}.yaml`, yaml: RENDER[kind](name, objectVariant) };
  });
}

/** The workload as repository files under `dir`, one file per object. */
export function workloadFiles(dir: string, options: WorkloadOptions): Record<string, string> {
  return Object.fromEntries(workloadObjects(options).map((o) => [path.posix.join(dir, o.fileName), o.yaml]));
}

/** The workload as one multi-document YAML file (how an app of the scale fixture is stored). */
export function workloadDocument(options: WorkloadOptions): string {
  return workloadObjects(options)
    .map((o) => o.yaml)
    .join("---\n");
}

/** Writes the workload into a local directory, one file per object, for kubectl's `-f <dir>`. */
export async function writeWorkloadDir(dir: string, options: WorkloadOptions): Promise<string> {
  await mkdir(dir, { recursive: true });
  await Promise.all(workloadObjects(options).map((o) => writeFile(path.join(dir, o.fileName), o.yaml)));
  return dir;
}
