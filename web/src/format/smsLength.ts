// How long a text is as networks and gateways count it (the same rules as
// the server's domain/sms.cpp, for the counter under the composer): GSM-7
// texts take 160 characters alone and 153 per part of a longer one (the
// extension characters count twice); anything else is UCS-2, 70 alone and
// 67 per part, a character outside the BMP counting twice. No character is
// split between parts.

const kGsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const kGsmExtension = '\f^{}\\[~]|€';

export interface SmsLength {
  unicode: boolean;
  units: number;
  parts: number;
}

export function measureSms(text: string): SmsLength {
  const characters = Array.from(text);
  const unicode = characters.some((c) => !kGsmBasic.includes(c) && !kGsmExtension.includes(c));
  const unitsOf = (c: string) => (unicode ? c.length : kGsmExtension.includes(c) ? 2 : 1);
  const units = characters.reduce((sum, c) => sum + unitsOf(c), 0);
  const single = unicode ? 70 : 160;
  const part = unicode ? 67 : 153;
  if (units === 0) return { unicode, units, parts: 0 };
  if (units <= single) return { unicode, units, parts: 1 };
  let parts = 1;
  let used = 0;
  for (const c of characters) {
    const width = unitsOf(c);
    if (used + width > part) {
      parts += 1;
      used = 0;
    }
    used += width;
  }
  return { unicode, units, parts };
}

/** Whether a text can reach a normalised number: not a mainland landline. */
export function canReceiveSms(e164: string): boolean {
  if (!e164.startsWith('+86')) return e164.startsWith('+');
  return /^\+861[3-9]\d{9}$/.test(e164);
}
