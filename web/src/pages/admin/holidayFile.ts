// A year of holidays and adjusted working days in the holiday-cn format
// (../shared/data/holidays-cn/YYYY.json: {"year", "days": [{name, date,
// isOffDay}]}), read from a file an administrator picked. Checked here only
// as far as telling them which year it is and how many days; the server
// validates every day.
export interface HolidayFile {
  year: number;
  body: { days: { name?: string; date: string; isOffDay: boolean }[] };
  offDays: number;
  workingDays: number;
}

export type HolidayFileProblem = 'notJson' | 'noDays' | 'noYear' | 'mixedYears';

export function readHolidayFile(text: string): HolidayFile | HolidayFileProblem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'notJson';
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { days?: unknown }).days)) return 'noDays';
  const days = (parsed as { days: { name?: string; date: string; isOffDay: boolean }[] }).days;
  const years = new Set(days.map((d) => String(d?.date ?? '').slice(0, 4)));
  const declared = (parsed as { year?: unknown }).year;
  const year = typeof declared === 'number' ? declared : years.size === 1 ? Number([...years][0]) : NaN;
  if (!Number.isInteger(year)) return 'noYear';
  if ([...years].some((y) => y !== String(year))) return 'mixedYears';
  return {
    year,
    body: { days },
    offDays: days.filter((d) => d.isOffDay === true).length,
    workingDays: days.filter((d) => d.isOffDay === false).length,
  };
}
