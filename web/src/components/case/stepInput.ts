// The data a workflow step asks for, as a form holds it, and the StepInput
// the API takes. Only the fields the step names are sent (the server refuses
// others), empty optional ones are left out.
import type { AvailableStep, StepInput } from '@/api/types';

export interface CountermeasureRow {
  kind: 'containment' | 'corrective' | 'preventive';
  description: string;
  owner_id: number | null;
  department_id: number | null;
  due_at: string;
}

export interface StepFormValues {
  [field: string]: unknown;
  countermeasures: CountermeasureRow[];
  alternatives: string[];
  meeting: { held_at: string; department_ids: number[]; conclusion: string };
}

export function stepFields(step: AvailableStep): { name: string; type: string; required: boolean }[] {
  return step.requires.flatMap((r) =>
    (r.fields ?? []).map((f) => ({ name: f.name ?? '', type: f.type ?? 'string', required: f.required ?? true })),
  );
}

export function emptyStepValues(): StepFormValues {
  return { note: '', countermeasures: [], alternatives: [], meeting: { held_at: '', department_ids: [], conclusion: '' } };
}

export function newCountermeasure(kind: CountermeasureRow['kind']): CountermeasureRow {
  return { kind, description: '', owner_id: null, department_id: null, due_at: '' };
}

function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function toStepInput(step: AvailableStep, values: StepFormValues): StepInput {
  const input: Record<string, unknown> = { to: step.to, step: step.step };
  if (filled(values.note)) input.note = String(values.note).trim();
  for (const field of stepFields(step)) {
    const value = values[field.name];
    if (field.name === 'countermeasures') {
      if (values.countermeasures.length > 0) {
        input.countermeasures = values.countermeasures.map((row) => ({
          kind: row.kind,
          description: row.description.trim(),
          ...(row.owner_id ? { owner_id: row.owner_id } : {}),
          ...(row.department_id ? { department_id: row.department_id } : {}),
          ...(row.due_at ? { due_at: row.due_at } : {}),
        }));
      }
    } else if (field.name === 'meeting') {
      const meeting = values.meeting;
      if (filled(meeting.held_at) || filled(meeting.conclusion) || meeting.department_ids.length > 0) {
        input.meeting = { held_at: meeting.held_at, department_ids: meeting.department_ids, conclusion: meeting.conclusion.trim() };
      }
    } else if (filled(value)) {
      input[field.name] = typeof value === 'string' ? value.trim() : value;
    }
  }
  return input as StepInput;
}
