type Predicate = (row: Record<string, unknown>) => boolean;

export function buildFilter(expression: string): Predicate {
  // ruleid: patterns.javascript.new-function-non-literal
  return new Function('row', `return ${expression};`) as Predicate;
}

export function buildSorter(field: string): (a: any, b: any) => number {
  // ruleid: patterns.javascript.new-function-non-literal
  return Function('a', 'b', 'return a.' + field + ' - b.' + field) as (a: any, b: any) => number;
}

// ok: patterns.javascript.new-function-non-literal
export const isStrict = new Function('"use strict"; return this === undefined;') as () => boolean;

export function byField(field: string): (row: Record<string, unknown>) => unknown {
  // ok: patterns.javascript.new-function-non-literal
  return (row: Record<string, unknown>) => row[field];
}
