// One form's sending: busy while the request runs, the server's refusal in
// words when it fails (fields named by `label` when it knows them), `done`
// when it succeeds.
import { ref } from 'vue';
import { ApiError } from '@/api/client';

export function useSubmission(done?: () => void, label?: (field: string) => string | undefined) {
  const busy = ref(false);
  const problem = ref('');

  async function run(work: () => Promise<void>): Promise<boolean> {
    busy.value = true;
    problem.value = '';
    try {
      await work();
      done?.();
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.value = error.describe(label);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, problem, run };
}
