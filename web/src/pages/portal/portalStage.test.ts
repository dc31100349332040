import { describe, expect, test } from 'vitest';
import { stageOf, type PortalStates } from './portalStage';

const states: PortalStates = {
  initial_state: 'received',
  states: [
    { code: 'received', kind: 'open' },
    { code: 'investigating', kind: 'open' },
    { code: 'waiting_customer', kind: 'waiting' },
    { code: 'resolved', kind: 'resolved' },
    { code: 'closed', kind: 'closed' },
  ],
};

describe('the stage a customer sees', () => {
  test('follows the kind of the state, with the first state as received', () => {
    expect(stageOf('received', states)).toBe('received');
    expect(stageOf('investigating', states)).toBe('in_progress');
    expect(stageOf('waiting_customer', states)).toBe('waiting');
    expect(stageOf('resolved', states)).toBe('resolved');
    expect(stageOf('closed', states)).toBe('closed');
  });
  test('is in progress for a state it does not know, and received before the states load', () => {
    expect(stageOf('custom_step', states)).toBe('in_progress');
    expect(stageOf('investigating', null)).toBe('received');
  });
});
