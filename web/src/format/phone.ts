// Phone numbers as people read them: mainland mobiles in 3-4-4 groups,
// landlines with the trunk zero and area code, others as stored (E.164).
const kTwoDigitAreas = new Set(['10', '20', '21', '22', '23', '24', '25', '27', '28', '29']);

export function formatPhone(e164: string): string {
  if (!e164.startsWith('+86')) return e164;
  const national = e164.slice(3);
  if (/^1[3-9]\d{9}$/.test(national)) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  const area = kTwoDigitAreas.has(national.slice(0, 2)) ? national.slice(0, 2) : national.slice(0, 3);
  const local = national.slice(area.length);
  return local.length >= 7 ? `0${area}-${local.slice(0, local.length - 4)} ${local.slice(-4)}` : e164;
}
