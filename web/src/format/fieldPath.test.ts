import { describe, expect, test } from 'vitest';
import { labelFieldPath } from './fieldPath';

describe('a field path in words', () => {
  const labels = { policies: '政策', targets: '时限目标', amount: '时长', limits: 'Level', max_amount: 'Up to' };

  test('names each part, with the position in a list counted from one', () => {
    expect(labelFieldPath('policies[0].targets[1].amount', labels)).toBe('政策 1 · 时限目标 2 · 时长');
    expect(labelFieldPath('limits[2].max_amount', labels)).toBe('Level 3 · Up to');
    expect(labelFieldPath('policies', labels)).toBe('政策');
  });

  test('gives nothing for a path it cannot name, so the message stands alone', () => {
    expect(labelFieldPath('policies[0].unknown', labels)).toBeUndefined();
    expect(labelFieldPath('policies[x]', labels)).toBeUndefined();
    expect(labelFieldPath('', labels)).toBeUndefined();
  });
});
