import { describe, expect, it } from "vitest";
import { serverSettings } from "@/scripts/lib/embedded-db";

const GB = 1024 ** 3;
const value = (settings: [string, string][], name: string) => settings.filter(([key]) => key === name).at(-1)?.[1];

describe("the embedded PostgreSQL's settings", () => {
  it("sizes a persistent cluster's buffer cache from the machine's memory, within 128 MB and 8 GB", () => {
    expect(value(serverSettings({ persistent: true, memoryBytes: 24 * GB }), "shared_buffers")).toBe("6144MB");
    expect(value(serverSettings({ persistent: true, memoryBytes: 24 * GB }), "effective_cache_size")).toBe("12288MB");
    expect(value(serverSettings({ persistent: true, memoryBytes: 2 * GB }), "shared_buffers")).toBe("512MB");
    expect(value(serverSettings({ persistent: true, memoryBytes: 256 * 1024 ** 2 }), "shared_buffers")).toBe("128MB");
    expect(value(serverSettings({ persistent: true, memoryBytes: 256 * GB }), "shared_buffers")).toBe("8192MB");
  });

  it("keeps a persistent cluster durable and a throw-away one fast", () => {
    const persistent = serverSettings({ persistent: true, memoryBytes: 8 * GB });
    expect(value(persistent, "fsync")).toBeUndefined();
    expect(value(persistent, "full_page_writes")).toBeUndefined();
    const throwAway = serverSettings({ persistent: false, memoryBytes: 64 * GB });
    expect(value(throwAway, "shared_buffers")).toBe("512MB");
    expect(value(throwAway, "fsync")).toBe("off");
    expect(value(throwAway, "listen_addresses")).toBe("127.0.0.1");
  });

  it("lets TIERWISE_PG_SETTINGS override any of them, and refuses what is not name=value", () => {
    const settings = serverSettings({ persistent: true, memoryBytes: 24 * GB, extra: "shared_buffers=1GB, work_mem=64MB" });
    expect(value(settings, "shared_buffers")).toBe("1GB");
    expect(value(settings, "work_mem")).toBe("64MB");
    // An extension's setting (a dotted name), e.g. to log slow plans while profiling.
    expect(value(serverSettings({ persistent: true, memoryBytes: GB, extra: "auto_explain.log_min_duration=500" }), "auto_explain.log_min_duration")).toBe("500");
    expect(value(serverSettings({ persistent: true, memoryBytes: GB, extra: "log_min_duration_statement=-1" }), "log_min_duration_statement")).toBe("-1");
    expect(() => serverSettings({ persistent: true, memoryBytes: GB, extra: "shared_buffers=1GB; DROP" })).toThrow(/not name=value/);
    expect(() => serverSettings({ persistent: true, memoryBytes: GB, extra: "listen_addresses=*" })).toThrow(/not name=value/);
    // The start waits for the server's "ready" line on its standard error, and it listens on 127.0.0.1 only.
    expect(() => serverSettings({ persistent: true, memoryBytes: GB, extra: "logging_collector=on" })).toThrow(/set by Tierwise/);
    expect(() => serverSettings({ persistent: true, memoryBytes: GB, extra: "listen_addresses=0.0.0.0" })).toThrow(/set by Tierwise/);
  });
});
