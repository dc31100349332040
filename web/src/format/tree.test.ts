import { expect, test } from 'vitest';
import { categoryTree } from './tree';

test('flat records with parents become a tree, inactive ones disabled, loops cut', () => {
  const tree = categoryTree([
    { id: 1, name: '外观不良' },
    { id: 2, name: '开裂', parent_id: 1 },
    { id: 3, name: '划伤', parent_id: 1, active: false },
    { id: 4, name: '功能不良' },
  ]);
  expect(tree).toEqual([
    { value: '1', label: '外观不良', disabled: false, children: [
      { value: '2', label: '开裂', disabled: false },
      { value: '3', label: '划伤', disabled: true },
    ] },
    { value: '4', label: '功能不良', disabled: false },
  ]);
});
