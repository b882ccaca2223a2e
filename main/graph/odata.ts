// Literals in OData query options ($filter), as Graph reads them.

/** OData string literal: quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** ISO 8601 without milliseconds, as Graph examples write it. */
export function odataDate(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
