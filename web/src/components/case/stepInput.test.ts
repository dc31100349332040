import { describe, expect, test } from 'vitest';
import type { AvailableStep } from '@/api/types';
import { emptyStepValues, newCountermeasure, toStepInput } from './stepInput';

const submit: AvailableStep = {
  step: 'submit_countermeasures',
  name: '提交对策',
  to: 'qa_approval',
  requires: [
    {
      requirement: 'countermeasure',
      name: '',
      fields: [
        { name: 'countermeasures', type: 'array', required: false },
        { name: 'permanent_pending_reason', type: 'string', required: false },
      ],
    },
  ],
};

describe('a step form', () => {
  test('sends only the fields the step names, trimmed, and leaves empty optional ones out', () => {
    const values = emptyStepValues();
    values.note = '  已与客户确认  ';
    values.reply = 'not asked for';
    const row = newCountermeasure('containment');
    Object.assign(row, { description: ' 库存全检 ', owner_id: 7, due_at: '2026-10-20T17:00:00+08:00' });
    values.countermeasures.push(row);
    expect(toStepInput(submit, values)).toEqual({
      to: 'qa_approval',
      step: 'submit_countermeasures',
      note: '已与客户确认',
      countermeasures: [{ kind: 'containment', description: '库存全检', owner_id: 7, due_at: '2026-10-20T17:00:00+08:00' }],
    });
  });

  test('a meeting is sent only when something of it was filled in', () => {
    const step: AvailableStep = { step: 'record_cause', name: '', to: 'countermeasures', requires: [{ requirement: 'root_cause', name: '', fields: [{ name: 'meeting', type: 'object', required: false }] }] };
    expect(toStepInput(step, emptyStepValues())).toEqual({ to: 'countermeasures', step: 'record_cause' });
    const values = emptyStepValues();
    values.meeting.conclusion = '模具磨损';
    expect(toStepInput(step, values).meeting).toEqual({ held_at: '', department_ids: [], conclusion: '模具磨损' });
  });
});
