import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";

/** This machine's first IPv4 address that is not loopback, if it has one. */
export function nonLoopbackIPv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
}

/** Whether a TCP connection to host:port is accepted (false when refused or unreachable). */
export function accepts(host: string, port: number, timeoutMs = 3_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** `/proc/net/tcp` writes an IPv4 address as 8 hex digits in host (little-endian) order. */
function ipv4FromProc(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(".");
}

/**
 * The local addresses with a socket listening on `port`, as the kernel reports them in
 * `/proc/net/tcp` and `/proc/net/tcp6` (IPv6 as its raw hex). Undefined off Linux.
 *
 * @example
 * ```ts
 * expect(listeningAddresses(8787)).toEqual(["127.0.0.1"]);
 * ```
 */
export function listeningAddresses(port: number): string[] | undefined {
  if (!existsSync("/proc/net/tcp")) return undefined;
  const LISTEN = "0A";
  const found: string[] = [];
  for (const [file, v4] of [
    ["/proc/net/tcp", true],
    ["/proc/net/tcp6", false],
  ] as const) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== LISTEN) continue;
      const [address, portHex] = local.split(":");
      if (parseInt(portHex!, 16) === port) found.push(v4 ? ipv4FromProc(address!) : `[${address}]`);
    }
  }
  return found;
}
