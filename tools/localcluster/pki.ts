import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { LocalClusterError } from "./errors";

const execFileAsync = promisify(execFile);

/** A certificate and its private key, as PEM file paths. */
export interface CertPair {
  cert: string;
  key: string;
}

/** Every certificate and key the local cluster uses. */
export interface Pki {
  /** The cluster CA: signs every certificate below and is the apiserver's client CA. */
  ca: CertPair;
  /** Serving certificate for 127.0.0.1/localhost, shared by all components. */
  serving: CertPair;
  /** Client certificate in group system:masters, for people, tests and kwok. */
  admin: CertPair;
  /** Client certificate for user system:kube-controller-manager. */
  controllerManager: CertPair;
  /** Client certificate for user system:kube-scheduler. */
  scheduler: CertPair;
  /** Client certificate the apiserver presents to aggregated API servers (front proxy). */
  frontProxy: CertPair;
  /** Key pair that signs and verifies ServiceAccount tokens. */
  serviceAccount: { privateKey: string; publicKey: string };
}

function pair(dir: string, name: string): CertPair {
  return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
}

/** Where {@link createPki} puts each file in `dir`. */
export function pkiPaths(dir: string): Pki {
  return {
    ca: pair(dir, "ca"),
    serving: pair(dir, "serving"),
    admin: pair(dir, "admin"),
    controllerManager: pair(dir, "controller-manager"),
    scheduler: pair(dir, "scheduler"),
    frontProxy: pair(dir, "front-proxy-client"),
    serviceAccount: { privateKey: join(dir, "sa.key"), publicKey: join(dir, "sa.pub") },
  };
}

/** SANs the apiserver answers to: loopback plus the in-cluster service names. */
const servingNames = [
  "IP:127.0.0.1",
  "IP:10.96.0.1",
  "DNS:localhost",
  "DNS:kubernetes",
  "DNS:kubernetes.default",
  "DNS:kubernetes.default.svc",
  "DNS:kubernetes.default.svc.cluster.local",
];

const validDays = "3650";

/** The CN of the front-proxy client certificate, which the apiserver's request-header authenticator accepts. */
export const frontProxyUser = "front-proxy-client";

async function openssl(dir: string, args: string[]): Promise<void> {
  try {
    await execFileAsync("openssl", args, { cwd: dir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new LocalClusterError(
        "The `openssl` command is required to create the local cluster's certificates; install it (e.g. `apt-get install openssl`) and retry.",
        { cause: error },
      );
    }
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    const tooOld = /unknown option|unrecognized|invalid option/i.test(stderr);
    const reason = tooOld ? "OpenSSL 3.0 or newer is required (for `req -x509 -CA`)" : stderr.split("\n").at(-1);
    throw new LocalClusterError(`openssl failed to create a certificate in ${dir}: ${reason}.`, { cause: error });
  }
}

/** `openssl req -x509` arguments for a fresh P-256 key and a certificate for `subject`. */
function newCertArgs(name: string, subject: string): string[] {
  return [
    "req", "-config", "openssl.cnf", "-x509", "-new", "-nodes",
    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-keyout", `${name}.key`, "-out", `${name}.crt`, "-subj", subject, "-days", validDays,
  ];
}

async function createLeaf(dir: string, name: string, subject: string, extensions: string[]): Promise<void> {
  const signing = ["-CA", "ca.crt", "-CAkey", "ca.key", "-addext", "basicConstraints=critical,CA:FALSE"];
  const usage = ["-addext", "keyUsage=critical,digitalSignature"];
  await openssl(dir, [...newCertArgs(name, subject), ...signing, ...usage, ...extensions.flatMap((e) => ["-addext", e])]);
}

function createClient(dir: string, name: string, subject: string): Promise<void> {
  return createLeaf(dir, name, subject, ["extendedKeyUsage=clientAuth"]);
}

async function writeServiceAccountKeys(paths: Pki["serviceAccount"]): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync("ec", {
    namedCurve: "prime256v1",
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  await writeFile(paths.privateKey, privateKey, { mode: 0o600 });
  await writeFile(paths.publicKey, publicKey);
}

/**
 * Creates a fresh CA and the certificates the cluster needs in `dir`, with the
 * `openssl` CLI (node:crypto cannot sign certificates). Users follow the
 * Kubernetes convention: CN is the user name, O the group.
 *
 * @throws LocalClusterError when openssl is missing or too old.
 */
export async function createPki(dir: string): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, "openssl.cnf"), "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\n");
  await openssl(dir, [
    ...newCertArgs("ca", "/CN=lockstep-local-cluster-ca"),
    "-addext", "basicConstraints=critical,CA:TRUE",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
  ]);
  const paths = pkiPaths(dir);
  await Promise.all([
    createLeaf(dir, "serving", "/CN=lockstep-local-cluster", [
      "extendedKeyUsage=serverAuth,clientAuth",
      `subjectAltName=${servingNames.join(",")}`,
    ]),
    createClient(dir, "admin", "/O=system:masters/CN=lockstep-admin"),
    createClient(dir, "controller-manager", "/CN=system:kube-controller-manager"),
    createClient(dir, "scheduler", "/CN=system:kube-scheduler"),
    createClient(dir, "front-proxy-client", `/CN=${frontProxyUser}`),
    writeServiceAccountKeys(paths.serviceAccount),
  ]);
  return paths;
}
