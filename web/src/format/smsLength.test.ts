import { describe, expect, it } from 'vitest';
import { canReceiveSms, measureSms } from './smsLength';

describe('measureSms', () => {
  it('counts GSM texts by 160 alone and 153 per part', () => {
    expect(measureSms('')).toEqual({ unicode: false, units: 0, parts: 0 });
    expect(measureSms('a'.repeat(160)).parts).toBe(1);
    expect(measureSms('a'.repeat(161)).parts).toBe(2);
    expect(measureSms('a'.repeat(307)).parts).toBe(3);
    expect(measureSms('{€}').units).toBe(6);
  });

  it('counts Chinese texts by 70 alone and 67 per part, pairs twice and never split', () => {
    expect(measureSms('空'.repeat(70))).toEqual({ unicode: true, units: 70, parts: 1 });
    expect(measureSms('空'.repeat(71)).parts).toBe(2);
    expect(measureSms('空'.repeat(135)).parts).toBe(3);
    expect(measureSms('👍').units).toBe(2);
    expect(measureSms('空'.repeat(66) + '👍').parts).toBe(1);
    expect(measureSms('空'.repeat(69) + '👍').parts).toBe(2);
  });
});

describe('canReceiveSms', () => {
  it('takes mainland mobiles and foreign numbers, not mainland landlines', () => {
    expect(canReceiveSms('+8613812345678')).toBe(true);
    expect(canReceiveSms('+861088886666')).toBe(false);
    expect(canReceiveSms('+14155550100')).toBe(true);
  });
});
