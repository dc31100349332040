// Flat records with parent ids (categories, departments) as the nested
// options Element Plus's tree-select and cascader take.
export interface TreeRecord {
  id?: number;
  name?: string;
  parent_id?: number | null;
  active?: boolean;
}

/** A tree record as administrators edit it (departments, categories). */
export interface EditableTreeRecord extends TreeRecord {
  code?: string;
  calendar_id?: number | null;
}

export interface TreeOption {
  value: string;
  label: string;
  children?: TreeOption[];
  disabled?: boolean;
}

export function categoryTree(records: readonly TreeRecord[]): TreeOption[] {
  const byParent = new Map<number | null, TreeRecord[]>();
  for (const record of records) {
    const parent = record.parent_id ?? null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), record]);
  }
  const seen = new Set<number>();
  const build = (parent: number | null): TreeOption[] =>
    (byParent.get(parent) ?? []).filter((r) => r.id !== undefined && !seen.has(r.id)).map((record) => {
      const id = record.id as number;
      seen.add(id);
      const children = build(id);
      return {
        value: String(id),
        label: record.name ?? '',
        disabled: record.active === false,
        ...(children.length > 0 ? { children } : {}),
      };
    });
  return build(null);
}
