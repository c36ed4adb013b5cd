import { createServer, type Server } from "node:net";
import { LocalClusterError } from "./errors";

/** The loopback address every component listens on. */
export const loopback = "127.0.0.1";

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host: loopback, port, exclusive: true }, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Picks one distinct free TCP port on 127.0.0.1 per name, by letting the
 * kernel choose them while all are held open, then releasing them.
 */
export async function pickFreePorts<Name extends string>(names: readonly Name[]): Promise<Record<Name, number>> {
  const servers = await Promise.all(names.map(() => listen(0)));
  const ports = {} as Record<Name, number>;
  names.forEach((name, index) => {
    const address = servers[index]?.address();
    if (address === null || address === undefined || typeof address === "string") throw new Error("expected a TCP address");
    ports[name] = address.port;
  });
  await Promise.all(servers.map(close));
  return ports;
}

/**
 * Checks that `port` on 127.0.0.1 can be bound.
 *
 * @param purpose what the port is for, e.g. "the kube-apiserver port".
 * @param fix how to pick another one, e.g. "set LOCKSTEP_CLUSTER_PORT to a free port".
 * @throws LocalClusterError naming the port when another process uses it.
 */
export async function assertPortFree(port: number, purpose: string, fix: string): Promise<void> {
  try {
    await close(await listen(port));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    throw new LocalClusterError(
      `Port ${port} on ${loopback} (${purpose}) is already in use by another process; stop that process or ${fix}.`,
      { cause: error },
    );
  }
}
