import { describe, expect, it } from "vitest";
import { withoutPulumiDumps } from "./pulumi-own-dumps";

const SECRET = "pw-0123456789abcdef";
const rpcDump = `RegisterResource RPC finished: resource:orders[pulumi-nodejs:dynamic/wxcc:CustomConnector]; err: null, resp: urn:x,\n,password,,,,,4dabf18193072939515e22adb298388d,,,1b47061264138c4ac30d75fd1eb44270,value,,,${SECRET},status,,,ACTIVE\n`;
const event = (severity: string, message: string) =>
  JSON.stringify({ sequence: 1, diagnosticEvent: { prefix: `${severity}: `, message, color: "never", severity } });
const engineLog = (msg: string) => JSON.stringify({ time: "2026-01-01T00:00:00Z", level: "INFO", msg, v: 9 });

describe("withoutPulumiDumps", () => {
  it("cuts the SDK's RPC answer dumps from the events and from their --debug rendering, indented or not", () => {
    const events = [event("debug", rpcDump), event("info", "wxcc: creating…")].join("\n");
    const indented = `    debug: ${rpcDump.split("\n").join("\n    ")}`;
    const output = `Updating (e2e):\ndebug: ${rpcDump}${indented}\n    wxcc: creating…\n`;
    const rest = withoutPulumiDumps(output, events);
    expect(rest.events).not.toContain(SECRET);
    expect(rest.events).toContain("wxcc: creating…");
    expect(rest.output).not.toContain(SECRET);
    expect(rest.output).toContain("Updating (e2e):");
    expect(rest.output).toContain("wxcc: creating…");
    expect(rest.cut).toBe(1);
  });

  it("cuts the engine's -v=7/-v=9 value dumps and keeps its other log records", () => {
    const output = [
      engineLog(`Marshaling property for RPC[Provider[0x1].Check(urn).news]: password={&{{${SECRET}}}}`),
      engineLog(`Unmarshaling property for RPC[ResourceMonitor.RegisterResource(t,n)]: value={${SECRET}}`),
      engineLog(`Planner decided to update 'urn' (oldprops=map[password:{${SECRET}}]`),
      engineLog(`Planner decided not to update 'urn' after diff (same) (inputs=map[password:{${SECRET}}])`),
      engineLog("Provider[0x1].Create(urn) success: id=c-1"),
    ].join("\n");
    const rest = withoutPulumiDumps(output, "");
    expect(rest.output).toBe(engineLog("Provider[0x1].Create(urn) success: id=c-1"));
    expect(rest.cut).toBe(4);
  });

  it("keeps a secret anywhere else, so a leak of this package's own still shows", () => {
    const ours = `error: CustomConnector "orders": creating failed (password ${SECRET} rejected)`;
    const events = [event("debug", rpcDump), event("error", ours)].join("\n");
    const rest = withoutPulumiDumps(`${ours}\n${engineLog(`provider said ${SECRET}`)}\ndebug: ${rpcDump}`, events);
    expect(rest.events).toContain(SECRET);
    expect(rest.events.split("\n")).toHaveLength(1);
    expect(rest.output).toContain(ours);
    expect(rest.output).toContain(engineLog(`provider said ${SECRET}`));
  });
});
