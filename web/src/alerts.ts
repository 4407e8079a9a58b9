import { followAlerts } from './alert-stream.js';
import { get, post, query } from './api.js';
import { signal } from './state.js';
import type { Alert } from './types.js';

/** Unresolved alerts the caller may see (an RSO: everyone's; a technician: their own), newest first. */
export const openAlerts = signal<Alert[]>([]);
/** The latest alert that arrived live, for the screen-reader announcement. */
export const arrived = signal<Alert | null>(null);
/** Bumped on every live alert: pages showing doses reload (an alert means a dose changed). */
export const liveRevision = signal(0);

const byNewest = (a: Alert, b: Alert): number => b.raisedAt.localeCompare(a.raisedAt);

async function reload(): Promise<void> {
  const [open, acknowledged] = await Promise.all(
    ['open', 'acknowledged'].map((state) => get<Alert[]>(`/alerts${query({ state })}`)),
  );
  openAlerts.set([...open, ...acknowledged].sort(byNewest));
}

function upsert(alert: Alert): void {
  const others = openAlerts.value.filter((a) => a.id !== alert.id);
  openAlerts.set(alert.state === 'resolved' ? others : [alert, ...others].sort(byNewest));
}

/** Loads the open alerts and follows the live stream until the returned function is called. */
export function watchAlerts(): () => void {
  // Loaded now, and again on each (re)connection of the stream, for what it may have missed.
  void reload().catch(() => undefined);
  return followAlerts(
    (alert) => {
      // The stream carries the alert object of DESIGN.md §6: merge it, keeping workflow fields.
      const known = openAlerts.value.find((a) => a.id === alert.id);
      upsert({ ...known, ...alert });
      arrived.set(alert);
      liveRevision.set(liveRevision.value + 1);
    },
    () => void reload().catch(() => undefined),
  );
}

export async function acknowledge(id: string, note: string): Promise<void> {
  upsert(await post<Alert>(`/alerts/${id}/acknowledge`, { note }));
}

export async function resolve(id: string, note: string): Promise<void> {
  upsert(await post<Alert>(`/alerts/${id}/resolve`, { note }));
}

/** One alert's result of a bulk acknowledgement (POST /alerts/acknowledge). */
export interface BulkResult {
  id: string;
  outcome: 'acknowledged' | 'notOpen' | 'notFound';
  alert?: Alert;
  message?: string;
}

/** Acknowledges the alerts with one note; the open list follows each one's result. */
export async function acknowledgeAll(ids: string[], note: string): Promise<BulkResult[]> {
  const results = await post<BulkResult[]>('/alerts/acknowledge', { ids, note });
  for (const result of results) if (result.alert) upsert(result.alert);
  return results;
}
