// vue-i18n set up with the console's two complete locales; zh-CN is the default.
import { createI18n } from 'vue-i18n';
import zhCN, { type MessageSchema } from './locales/zh-CN';
import en from './locales/en';

export const kLocales = ['zh-CN', 'en'] as const;
export type Locale = (typeof kLocales)[number];
export const kDefaultLocale: Locale = 'zh-CN';
const kStoredLocale = 'lingting.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (kLocales as readonly string[]).includes(value);
}

/** The language before anyone signs in: the last one chosen here, else the browser's, else zh-CN. */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const language of browserLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return kDefaultLocale;
}

export const messages: Record<Locale, MessageSchema> = { 'zh-CN': zhCN, en };

function storedLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(kStoredLocale) ?? null;
  } catch {
    return null;
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(storedLocale(), globalThis.navigator?.languages ?? []),
  fallbackLocale: 'zh-CN',
  messages,
  missingWarn: false,
  fallbackWarn: false,
});

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(kStoredLocale, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
