/**
 * A search for the accounts list that finds a set of new accounts, when they have something
 * distinctive in common: a shared domain beyond the public suffix ("acme-import.test" of
 * a.acme-import.test and b.acme-import.test) or a shared first word of their names ("Zephyr").
 * Null when nothing distinctive is shared (the summary then lists the accounts themselves).
 */
const GENERIC_SUFFIXES = new Set(["com", "org", "net", "io", "co", "uk", "de", "fr", "example", "test", "co.uk", "com.au", "com.br", "com.mx", "co.jp"]);
const MIN_TERM = 4;

export function commonSearchTerm(accounts: readonly { name: string; domain: string }[]): string | null {
  if (accounts.length === 0) return null;
  if (accounts.length === 1) return accounts[0]!.domain;
  const labels = accounts.map((a) => a.domain.split(".").reverse());
  const shared: string[] = [];
  for (let i = 0; ; i++) {
    const label = labels[0]![i];
    if (label === undefined || labels.some((l) => l[i] !== label || l.length <= i + 1)) break;
    shared.push(label);
  }
  const suffix = shared.reverse().join(".");
  if (suffix && !GENERIC_SUFFIXES.has(suffix) && shared.length >= 2) return suffix;

  const firstWords = accounts.map((a) => a.name.trim().split(/\s+/)[0] ?? "");
  const word = firstWords[0]!;
  if (word.length >= MIN_TERM && firstWords.every((w) => w.toLowerCase() === word.toLowerCase())) return word;
  return null;
}
