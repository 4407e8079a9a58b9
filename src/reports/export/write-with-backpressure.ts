import type { Writable } from 'node:stream';

/**
 * Writes the text and, when the stream's buffer is full, waits until it drains: a slow client
 * holds the producer back instead of the server buffering the whole file. False once the
 * stream is closed (the client went away): the producer stops.
 */
export async function writeWithBackpressure(stream: Writable, text: string): Promise<boolean> {
  if (stream.destroyed) return false;
  if (text === '' || stream.write(text)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
  return !stream.destroyed;
}
