import { describe, expect, test } from 'vitest';
import zhCN from './locales/zh-CN';
import en from './locales/en';
import { initialLocale } from './index';

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

describe('locales', () => {
  test('zh-CN and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  test('no message is empty unless both are, and both name the same placeholders', () => {
    const lookup = (messages: object, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string;
    for (const key of keys(zhCN)) {
      const chinese = lookup(zhCN, key);
      const english = lookup(en, key);
      expect(chinese === '', key).toBe(english === '');
      expect(placeholders(english), key).toEqual(placeholders(chinese));
    }
  });

  test('Chinese messages are written in Chinese', () => {
    const lookup = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN) as string;
    // Only the language switch's own "English" may be Latin letters alone.
    const latinOnly = keys(zhCN).filter((key) => {
      const text = lookup(key);
      return /[a-z]{4,}/i.test(text) && !/[\u4e00-\u9fff]/.test(text);
    });
    expect(latinOnly).toEqual(['language.en']);
  });
});

describe('the language before signing in', () => {
  test('is the one chosen last, else the browser\'s, else Chinese', () => {
    expect(initialLocale('en', ['zh-CN'])).toBe('en');
    expect(initialLocale(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(initialLocale(null, ['zh-TW'])).toBe('zh-CN');
    expect(initialLocale('fr', ['de-DE'])).toBe('zh-CN');
  });
});
