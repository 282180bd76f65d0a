/** Resident ID numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

export type IdProblem = 'length' | 'digits' | 'birthDate' | 'checkDigit';

/** The check character the first 17 digits call for. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`17 digits expected, got '${first17}'`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return checkCharacters[sum % 11];
}

/** Null when the number is valid; else what is wrong with it, first problem first. */
export function idNumberProblem(input: string): IdProblem | null {
  const id = input.trim().toUpperCase();
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'digits';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birthDate';
  return id[17] === checkCharacter(id.slice(0, 17)) ? null : 'checkDigit';
}

/**
 * Whether a phone number has the shape the server takes (FieldLimits.Phone): digits, optionally a leading + and
 * spaces or hyphens, 5 to 20 characters — 13812345678, 010-12345678, +86 138 1234 5678.
 */
export function isPhoneNumber(input: string): boolean {
  return phonePattern.test(input.trim());
}

/** The pattern of FieldLimits.PhonePattern, character for character (a test compares the two). */
export const phonePattern = /^\+?[0-9][0-9 \-]{3,18}[0-9]$/;

/** 110101199003074514 → 110101********4514: region and the last four stay, the birth date goes. */
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
