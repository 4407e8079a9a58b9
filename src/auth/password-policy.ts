/**
 * What a new password must not be, beyond its length (CreateUserDto checks 12 to 256
 * characters): each rule names a guess an attacker tries first. Passwords already stored are
 * not checked again.
 */

/**
 * The entries of 12 characters or more among the first two thousand of the UK NCSC's
 * "100k most used passwords" list (as published in SecLists,
 * Passwords/Common-Credentials/100k-most-used-passwords-NCSC.txt), lower-cased. Shorter
 * entries fail the length rule anyway; repeats and runs are caught by the rules below.
 */
const COMMON_PASSWORDS = new Set([
  '1q2w3e4r5t6y',
  'q1w2e3r4t5y6',
  '1qaz2wsx3edc',
  'qwerty123456',
  '123456qwerty',
  '123qweasdzxc',
  '123456654321',
  '111222tianya',
  'megaparol12345',
  'startfinding',
  'telechargement',
  'sojdlg123aljg',
]);

/** The step from one character to the next: digits wrap (…7890123…), letters ignore case. */
function step(from: string, to: string): number {
  const delta = to.charCodeAt(0) - from.charCodeAt(0);
  if (!/\d/.test(from) || !/\d/.test(to)) return delta;
  const wrapped = (delta + 10) % 10;
  return wrapped === 9 ? -1 : wrapped;
}

/** Every character one up (abcdefghijkl, 234567890123) or one down from the one before. */
function isRun(password: string): boolean {
  const chars = [...password.toLowerCase()];
  const first = step(chars[0], chars[1]);
  if (Math.abs(first) !== 1) return false;
  return chars.slice(1).every((char, i) => step(chars[i], char) === first);
}

/** Plain messages, one per rule broken; empty when the password may be used. */
export function passwordPolicyProblems(password: string, username?: string): string[] {
  if (password.length < 2) return [];
  const problems: string[] = [];
  // One character or one chunk over and over: aaaaaaaaaaaa, abcabcabcabc, passwordpassword.
  if (/^([\s\S]+?)\1+$/.test(password))
    problems.push('password must not be one character or one chunk repeated');
  if (isRun(password)) problems.push('password must not be a run of consecutive letters or digits');
  if (username !== undefined && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('password must not contain the username');
  if (COMMON_PASSWORDS.has(password.toLowerCase()))
    problems.push('password is one of the most common passwords');
  return problems;
}
