import { HELVETICA_EM_PER_CHAR } from './pdf-writer.js';
import { wrap } from './pdf-layout.js';

describe('wrap', () => {
  // 10 characters wide at size 10.
  const width = 10 * 10 * HELVETICA_EM_PER_CHAR;

  it('cuts lines at spaces to fit the width', () => {
    expect(wrap('one two three four', width, 10)).toEqual(['one two', 'three four']);
  });

  it('keeps a word longer than the line whole, and an empty text one empty line', () => {
    expect(wrap('abcdefghijklmno x', width, 10)).toEqual(['abcdefghijklmno', 'x']);
    expect(wrap('', width, 10)).toEqual(['']);
  });
});
