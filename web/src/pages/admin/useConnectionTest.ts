import { ref } from 'vue';
import { api, ApiError } from '@/api/client';

/**
 * A settings page's "test" button (the SMTP server, the SMS gateway): posts
 * what the form says to the test route and keeps the outcome in words, the
 * server's refusal of a field named by `labelOf`.
 */
export function useConnectionTest(labelOf: (field: string) => string | undefined) {
  const testing = ref(false);
  const tested = ref<{ ok: boolean; text: string } | null>(null);

  async function run(path: string, body: unknown, describe: (answer: { ok: boolean; answer: string }) => string) {
    testing.value = true;
    tested.value = null;
    try {
      const answer = await api.post<{ ok: boolean; answer: string }>(path, body);
      tested.value = { ok: answer.ok, text: describe(answer) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      tested.value = { ok: false, text: error.describe(labelOf) };
    } finally {
      testing.value = false;
    }
  }

  return { testing, tested, run };
}
