import { describe, expect, test } from 'vitest';
import { formatDateTime, formatDuration } from './time';

const words = {
  day: (n: number) => `${n}天`,
  hour: (n: number) => `${n}小时`,
  minute: (n: number) => `${n}分钟`,
  lessThanMinute: '不到 1 分钟',
};

describe('durations', () => {
  test('show the two largest units', () => {
    expect(formatDuration((2 * 24 + 3) * 3600_000 + 59 * 60_000, words, '')).toBe('2天3小时');
    expect(formatDuration(5 * 3600_000 + 20 * 60_000, words, '')).toBe('5小时20分钟');
    expect(formatDuration(59_000, words, '')).toBe('不到 1 分钟');
    expect(formatDuration(-90 * 60_000, words, '')).toBe('1小时30分钟');
    expect(formatDuration(3 * 24 * 3600_000, words, '')).toBe('3天');
  });
});

describe('date and time', () => {
  test('are shown in the viewer\'s time zone', () => {
    const iso = '2026-10-08T01:30:00Z';
    expect(formatDateTime(iso, 'zh-CN', 'Asia/Shanghai')).toBe('2026/10/08 09:30');
    expect(formatDateTime(iso, 'en', 'Europe/Berlin')).toBe('10/08/2026, 03:30');
    expect(formatDateTime(null, 'en')).toBe('');
    expect(formatDateTime('not a date', 'en')).toBe('');
  });
});
