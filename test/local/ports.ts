import { createServer, type AddressInfo } from 'node:net';

/** A port held by a listener of the test's own, until it is released. */
export async function holdPort(): Promise<{
  port: number;
  release(): Promise<void>;
}> {
  const holder = createServer();
  await new Promise<void>((resolve) =>
    holder.listen(0, '127.0.0.1', () => resolve()));
  const { port } = holder.address() as AddressInfo;
  return {
    port,
    release: () => new Promise((resolve) => holder.close(() => resolve())),
  };
}

/** A port nothing listens on: taken from the system, then let go. */
export async function closedPort(): Promise<number> {
  const held = await holdPort();
  await held.release();
  return held.port;
}
