import type { AnchorHTMLAttributes } from 'preact';
import { signal } from './state.js';

/** The address bar's path; routes never carry a token or a patient id. */
export const currentPath = signal(location.pathname);

window.addEventListener('popstate', () => currentPath.set(location.pathname));

/** Navigates to a path, which may carry a query (`/people/x?quantity=eyeLens`). */
export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  currentPath.set(location.pathname);
}

/** A parameter of the address's query string (read when a page opens), or undefined. */
export const queryParam = (name: string): string | undefined =>
  new URLSearchParams(location.search).get(name) ?? undefined;

/** A person's page, opened on the quantity that brought the reader there (an alert's, a bar's). */
export const personPath = (personId: string, quantity?: string | null): string =>
  `/people/${personId}${quantity ? `?quantity=${encodeURIComponent(quantity)}` : ''}`;

/** `/people/:id` → `{ id }`, or undefined when the path does not match. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(got[i]);
    else if (part !== got[i]) return undefined;
  }
  return params;
}

/** An ordinary link (keyboard, middle click, copy address) that navigates in-app on a plain click. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    navigate(props.href);
  };
  const current = currentPath.value === props.href ? 'page' : undefined;
  return <a {...props} onClick={onClick} aria-current={current} />;
}
