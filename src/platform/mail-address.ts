/**
 * Mail addresses as this system sends to them: one bare address (no display name, no list), so a
 * caller can never turn one message into a message to many. Letters outside ASCII are allowed in
 * both parts (SMTPUTF8); quoted local parts and address literals are not, since no reader needs them.
 */
const LOCAL = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const LABEL = /^[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/** RFC 5321's limits: 64 characters before the @, 254 in all. */
export function isMailAddress(text: string): boolean {
  if (text.length > 254) return false;
  const at = text.lastIndexOf('@');
  if (at < 1) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split('.');
  return labels.every((label) => label.length <= 63 && LABEL.test(label));
}

/**
 * Enough of an address to tell two apart in a log or a finished job row, not enough to write to:
 * the first character of the local part and the whole domain ("r***@example.com").
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${[...address.slice(0, at)][0]}***${address.slice(at)}`;
}

/** Replaces every address in a text (an SMTP server's reply quotes the recipient) by its mask. */
export function maskAddressesIn(text: string): string {
  return text.replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/gu, (found) => maskAddress(found));
}
