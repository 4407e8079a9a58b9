/**
 * The one place the bearer token lives: in memory, mirrored to sessionStorage so a reload or
 * a typed-in address in the same tab keeps the login (closing the tab forgets it). It is sent
 * only in the Authorization header, never in a URL, and never logged.
 */
const STORAGE_KEY = 'dose.accessToken';

let token: string | null = sessionStorage.getItem(STORAGE_KEY);
const signedOut = new Set<() => void>();

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The error answer as sent (a 409 of an assignment change lists what it would move). */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export const hasToken = (): boolean => token !== null;

export function setToken(value: string): void {
  token = value;
  sessionStorage.setItem(STORAGE_KEY, value);
}

export function signOut(): void {
  token = null;
  sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of signedOut) listener();
}

/** Ends the session on the server too (POST /auth/logout), then here, whatever it answers. */
export async function logOut(): Promise<void> {
  await api('POST', '/auth/logout').catch(() => undefined);
  signOut();
}

/** Called when the token is refused (expired) or the user signs out. */
export function onSignOut(listener: () => void): () => void {
  signedOut.add(listener);
  return () => signedOut.delete(listener);
}

export const authHeaders = (): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

/**
 * A JSON call to the API. `no-store`: answers (a patient's doses among them) stay out of the
 * browser's disk cache. A 401 means the token expired: back to the login form.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    cache: 'no-store',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...authHeaders(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = parseJson(await response.text());
  if (response.status === 401 && token) signOut();
  if (!response.ok)
    throw new ApiError(response.status, errorMessage(parsed, response.status), parsed);
  return parsed as T;
}

/**
 * Fetches a report (PDF or CSV) with the Authorization header and saves it through an object
 * URL of the Blob: the token never goes into an address (a link to the API could not send it).
 */
export async function download(path: string, fallbackName: string): Promise<string> {
  const response = await fetch(`/api/v1${path}`, { cache: 'no-store', headers: authHeaders() });
  if (response.status === 401 && token) signOut();
  if (!response.ok) {
    const body = parseJson(await response.text());
    throw new ApiError(response.status, errorMessage(body, response.status));
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download; the URL is not needed past this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return name;
}

export const get = <T>(path: string): Promise<T> => api<T>('GET', path);
export const post = <T>(path: string, body: unknown): Promise<T> => api<T>('POST', path, body);

/** The body as JSON; undefined when empty or not JSON (a proxy's error page, say). */
function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function errorMessage(body: unknown, status: number): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : `Request failed (${status})`;
}

/** A query string from defined values, each encoded. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
