import { useEffect, useState } from 'preact/hooks';

/** A value components can follow: a minimal observable, enough for this UI's few shared values. */
export interface Signal<T> {
  readonly value: T;
  set(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export function signal<T>(initial: T): Signal<T> {
  let current = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get value() {
      return current;
    },
    set(value: T) {
      if (Object.is(value, current)) return;
      current = value;
      for (const listener of listeners) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The signal's value, re-rendering the component when it changes. */
export function useSignal<T>(source: Signal<T>): T {
  const [value, setValue] = useState(source.value);
  useEffect(() => {
    setValue(source.value);
    return source.subscribe(setValue);
  }, [source]);
  return value;
}

export type Load<T> =
  { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: string };

/**
 * Loads with `load` on mount and whenever `deps` change; a reload keeps showing the last data
 * (no flicker when an alert triggers a refresh).
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Load<T> {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setResult({ state: 'ok', data }),
      (error: unknown) =>
        live &&
        setResult({
          state: 'error',
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      live = false;
    };
  }, deps);
  return result;
}

/** A text field's value from the form a submit event came from. */
export function fieldValue(event: SubmitEvent, name: string): string {
  const value = new FormData(event.currentTarget as HTMLFormElement).get(name);
  return typeof value === 'string' ? value : '';
}
