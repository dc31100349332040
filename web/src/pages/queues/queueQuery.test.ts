import { describe, expect, test } from 'vitest';
import { activeFilterCount, apiParams, emptyFilters, filtersFromQuery, queryFromFilters } from './queueQuery';

describe('a queue view in the URL', () => {
  test('keeps only what differs from the defaults and reads back the same', () => {
    const filters = { ...emptyFilters(), q: ' 开裂 ', status: ['received', 'investigating'], urgency: 'urgent', channel: ['phone'] };
    const query = queryFromFilters(filters);
    expect(query).toEqual({ q: '开裂', status: 'received,investigating', urgency: 'urgent', channel: 'phone' });
    expect(filtersFromQuery(query)).toEqual({ ...filters, q: '开裂' });
    expect(activeFilterCount(filters)).toBe(3);
  });

  test('becomes the parameters of the case list', () => {
    expect(apiParams('breached', { ...emptyFilters(), type: ['complaint'] }, 'abc', 50)).toEqual({
      queue: 'breached', type: 'complaint', sort: 'sla_due_at', cursor: 'abc', limit: 50,
    });
  });
});
