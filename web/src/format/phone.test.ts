import { expect, test } from 'vitest';
import { formatPhone } from './phone';

test('phone numbers read as people write them', () => {
  expect(formatPhone('+8613912345678')).toBe('139 1234 5678');
  expect(formatPhone('+861088886666')).toBe('010-8888 6666');
  expect(formatPhone('+8675588881234')).toBe('0755-8888 1234');
  expect(formatPhone('+14155550100')).toBe('+14155550100');
});
