/** The activity log's filters, kept in the address so a view can be shared or bookmarked. */
export interface ActivitySearch {
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const KEYS = ['actor', 'action', 'from', 'to'] as const;

export function readActivitySearch(search: Record<string, unknown>): ActivitySearch {
  const read: ActivitySearch = {};
  for (const key of KEYS) {
    const value = search[key];
    if (typeof value === 'string' && value !== '') read[key] = value;
  }
  return read;
}

/** The same filters as the Admin API's query (GET /audit and /audit.csv take the same names). */
export function activityQuery(search: ActivitySearch): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}
