import { authHeaders, hasToken } from './api.js';
import type { Alert } from './types.js';

const RETRY_MS = 3_000;

/**
 * Follows GET /api/v1/alerts/stream. EventSource cannot send an Authorization header, so this
 * reads the `text/event-stream` body of a fetch() that carries it, and reconnects after a
 * drop. `onOpen` runs on every (re)connection: the caller reloads what it may have missed.
 * Returns a function that stops it.
 */
export function followAlerts(onAlert: (alert: Alert) => void, onOpen: () => void): () => void {
  const abort = new AbortController();
  const run = async (): Promise<void> => {
    while (!abort.signal.aborted && hasToken()) {
      try {
        const response = await fetch('/api/v1/alerts/stream', {
          headers: { accept: 'text/event-stream', ...authHeaders() },
          cache: 'no-store',
          signal: abort.signal,
        });
        if (response.status === 401 || response.status === 403) return;
        if (response.ok && response.body) {
          onOpen();
          await readEvents(response.body, (data) => onAlert(JSON.parse(data) as Alert));
        }
      } catch {
        // A drop or an abort: retried below unless stopped.
      }
      if (!abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  };
  void run();
  return () => abort.abort();
}

/** Calls `onData` with the `data` of each event of a server-sent-event body (WHATWG HTML §9.2). */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  onData: (data: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = buffer
        .slice(0, end)
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      buffer = buffer.slice(end + 2);
      if (data) onData(data);
    }
  }
}
