import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { readHolidayFile } from './holidayFile';

test('the shipped 2026 holiday file reads as 2026 with its days off and adjusted working days', () => {
  const text = readFileSync(resolve(__dirname, '../../../../data/holidays-cn/2026.json'), 'utf8');
  const file = readHolidayFile(text);
  expect(typeof file).toBe('object');
  if (typeof file !== 'object') return;
  expect(file.year).toBe(2026);
  expect(file.offDays).toBeGreaterThan(20);
  expect(file.workingDays).toBeGreaterThan(3);
  expect(file.body.days.find((d) => d.date === '2026-10-01')).toMatchObject({ name: '国庆节', isOffDay: true });
});

test('files that are not a year of days are told apart', () => {
  expect(readHolidayFile('{')).toBe('notJson');
  expect(readHolidayFile('{"year": 2026}')).toBe('noDays');
  expect(readHolidayFile('{"days": []}')).toBe('noYear');
  expect(readHolidayFile('{"year": 2026, "days": [{"date": "2025-12-31", "isOffDay": true}]}')).toBe('mixedYears');
  expect(readHolidayFile('{"days": [{"date": "2027-01-01", "isOffDay": true}]}')).toMatchObject({ year: 2027, offDays: 1 });
});
