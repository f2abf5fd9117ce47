/**
 * Password rules for every password a person sets (an admin creating or resetting a user, a user
 * changing their own). Pure (no I/O), so the server action and the data layer apply the same
 * rules; the list makes it server-side (forms take the numbers from ./password-rules).
 *
 * Length beats complexity rules (NIST SP 800-63B): at least 12 characters, no
 * composition requirements, but well-known passwords and guessable patterns are refused.
 */
import MOST_COMMON from "./common-passwords.json";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export { PASSWORD_HINT, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

/**
 * Well-known passwords and the words they are built from, lower case, beside the 20,000 most
 * common passwords (common-passwords.json; source and licence in common-passwords.LICENSE.txt).
 * A password is refused when it equals one of these, or is one of these with digits and symbols
 * around it ("Password123!", "!!qwerty2024"), or repeats one ("dragondragon").
 */
const COMMON = [
  "password", "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "pass", "passwort", "motdepasse", "contraseña",
  "contrasena", "senha", "wachtwoord", "salasana", "haslo", "parola", "secret", "secreto", "letmein", "welcome",
  "welcome1", "login", "admin", "administrator", "root", "toor", "user", "guest", "default", "changeme",
  "change me", "changeit", "temp", "temporary", "test", "tester", "testing", "demo", "example", "sample",
  "qwerty", "qwertz", "azerty", "asdf", "asdfgh", "asdfghjkl", "zxcvbn", "zxcvbnm", "qwertyuiop", "qazwsx",
  "qweasd", "qweasdzxc", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "zaq12wsx", "abc", "abcd", "abcdef",
  "abcdefg", "abcdefgh", "abcdefghijkl", "abc123", "a1b2c3", "aaaaaa", "iloveyou", "loveyou", "lovely",
  "love", "princess", "prince", "sunshine", "shadow", "monkey", "dragon", "master", "mustang", "michael",
  "jennifer", "jordan", "jordan23", "hunter", "hunter2", "ranger", "tigger", "buster", "soccer", "football",
  "baseball", "basketball", "hockey", "golf", "superman", "batman", "spiderman", "starwars", "pokemon",
  "naruto", "minecraft", "fortnite", "trustno1", "whatever", "freedom", "ninja", "cheese", "chocolate",
  "cookie", "pepper", "ginger", "summer", "winter", "spring", "autumn", "fall", "january", "february",
  "march", "april", "june", "july", "august", "september", "october", "november", "december", "monday",
  "friday", "sunday", "charlie", "thomas", "daniel", "robert", "george", "andrew", "joshua", "matthew",
  "jessica", "ashley", "amanda", "nicole", "michelle", "computer", "internet", "office", "company",
  "business", "corporate", "sales", "marketing", "manager", "support", "service", "server", "database",
  "security", "access", "account", "accounts", "customer", "money", "dollar", "bitcoin", "killer", "flower",
  "angel", "baby", "family", "friends", "google", "facebook", "microsoft", "windows", "apple", "samsung",
  "linkedin", "twitter", "iphone", "android", "mypassword", "mysecret", "yourpassword", "nopassword",
  "correcthorsebatterystaple", "thequickbrownfox", "letmein123", "tierwise", "tier wise",
  "123456", "1234567", "12345678", "123456789", "1234567890", "12345678910", "123123", "123321", "654321",
  "111111", "000000", "121212", "112233", "696969", "666666", "987654321", "0987654321", "147258369",
  "159753", "7777777", "11111111", "88888888", "1234qwer", "qwer1234", "abcd1234", "1234abcd", "admin123",
  "root123", "pass123", "password1", "password12", "password123", "password1234", "welcome123",
] as const;

const COMMON_SET: ReadonlySet<string> = new Set<string>([...COMMON, ...MOST_COMMON]);

/** Keyboard rows and the alphabet/digits: a password that is one run along any of them is refused. */
const SEQUENCES = [
  "abcdefghijklmnopqrstuvwxyz",
  "0123456789",
  "qwertyuiopasdfghjklzxcvbnm",
  "qwertzuiopasdfghjklyxcvbnm",
  "azertyuiopqsdfghjklmwxcvbn",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  "1q2w3e4r5t6y7u8i9o0p",
];

/** Strip digits, punctuation and spaces from both ends: "!Password2024?" -> "password". */
function core(lower: string): string {
  return lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
}

/** "abcabcabcabc" -> "abc"; returns the shortest unit the password repeats, or the password itself. */
function repeatedUnit(s: string): string {
  for (let len = 1; len <= s.length / 2; len++) {
    if (s.length % len === 0 && s.slice(0, len).repeat(s.length / len) === s) return s.slice(0, len);
  }
  return s;
}

function isSequence(s: string): boolean {
  if (s.length < 4) return false;
  return SEQUENCES.some((seq) => {
    const reversed = [...seq].reverse().join("");
    // Runs may wrap around ("789012345678"), so test against the sequence written out long enough.
    const times = Math.ceil(s.length / seq.length) + 1;
    return seq.repeat(times).includes(s) || reversed.repeat(times).includes(s);
  });
}

function isCommon(candidate: string): boolean {
  if (!candidate) return false;
  const unit = repeatedUnit(candidate);
  return COMMON_SET.has(candidate) || COMMON_SET.has(unit) || unit.length === 1 || isSequence(candidate) || isSequence(unit);
}

/** The local part of an e-mail address, lower case ("Ann.Lee@x.com" -> "ann.lee"). */
function localPart(email: string | undefined): string {
  return (email ?? "").trim().toLowerCase().split("@")[0] ?? "";
}

/**
 * Check a new password; returns the reason it is refused, or null when it is acceptable.
 * `email` is the address of the user the password is for (its local part may not appear in it).
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const compact = lower.replace(/\s+/g, "");
  if (isCommon(lower) || isCommon(compact) || isCommon(core(lower)) || isCommon(core(compact))) {
    return "This password is too common or too easy to guess. Try a few unrelated words.";
  }
  const local = localPart(context.email);
  // Very short local parts ("al@…") would refuse half the dictionary; 3 characters is where a name starts.
  if (local.length >= 3 && lower.includes(local)) return "The password may not contain the e-mail address.";
  return null;
}
