// Dates and durations as the viewer reads them: in their own time zone and
// language. Every page formats time through here.

// Building an Intl formatter costs far more than formatting with one (a
// queue of 50 rows spent 38 ms building them), so each is built once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, timeZone: string | undefined, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
      timeZone,
    });
    formatters.set(key, format);
  }
  return format;
}

function formatInstant(iso: string | null | undefined, locale: string, timeZone: string | undefined, withTime: boolean): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dateTimeFormat(locale, timeZone, withTime).format(date);
}

export function formatDateTime(iso: string | null | undefined, locale: string, timeZone?: string): string {
  return formatInstant(iso, locale, timeZone, true);
}

export function formatDate(iso: string | null | undefined, locale: string, timeZone?: string): string {
  return formatInstant(iso, locale, timeZone, false);
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "3 minutes ago" / "3 分钟前". */
export function formatRelative(iso: string, now: number, locale: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

export interface DurationWords {
  day: (n: number) => string;
  hour: (n: number) => string;
  minute: (n: number) => string;
  lessThanMinute: string;
}

/** A duration in the two largest units: "2天3小时", "5h 20m". */
export function formatDuration(ms: number, words: DurationWords, separator: string): string {
  const minutes = Math.floor(Math.abs(ms) / 60000);
  if (minutes < 1) return words.lessThanMinute;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(words.day(days));
  if (hours > 0 && parts.length < 2) parts.push(words.hour(hours));
  if (rest > 0 && days === 0 && parts.length < 2) parts.push(words.minute(rest));
  return parts.join(separator);
}
