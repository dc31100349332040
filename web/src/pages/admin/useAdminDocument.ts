// A settings document an administrator edits whole: read it, change a copy,
// save it back (PUT), and read the server's refusal with each offending field
// named as the page names it ("Policy 2 · Target 1 · Amount: ...").
import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { api, ApiError } from '@/api/client';
import { labelFieldPath, type PathLabels } from '@/format/fieldPath';

export function useAdminDocument<T>(path: string, labels: () => PathLabels) {
  const { t } = useI18n();
  const draft = ref<T | null>(null) as Ref<T | null>;
  const loadProblem = ref('');
  const problem = ref('');
  const busy = ref(false);

  async function load(): Promise<void> {
    loadProblem.value = '';
    try {
      draft.value = await api.get<T>(path);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      loadProblem.value = error.describe();
    }
  }

  /** Saves `body`; true when the server took it (the draft is then read again). */
  async function save(body: unknown): Promise<boolean> {
    busy.value = true;
    problem.value = '';
    try {
      await api.put(path, body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const known = labels();
      problem.value = error.describe((field) => labelFieldPath(field, known));
      return false;
    } finally {
      busy.value = false;
    }
    ElMessage.success(t('app.saved'));
    await load();
    return true;
  }

  return { draft, load, save, loadProblem, problem, busy };
}
