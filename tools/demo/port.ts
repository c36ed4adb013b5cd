import { createServer } from "node:net";

/** Stops with one sentence when the port is taken, instead of a server crash later. */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", () => reject(new Error(`Port ${port} is already in use; stop what is using it or run the demo with PORT=<another port>.`)));
    server.listen(port, () => server.close(() => resolve()));
  });
}
