import { csvLine, tableToCsv } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('quotes fields with a comma, quote or line break, doubling quotes; CRLF line ends', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', null, undefined, 0, false])).toBe(
      'plain,"a,b","say ""hi""","two\nlines",,,0,false\r\n',
    );
  });

  it('neutralises text a spreadsheet would run as a formula, not signed numbers', () => {
    expect(csvLine(['=HYPERLINK("x")', '@SUM(A1)', '+1+1', '-2.5', '-0.000001', '- note'])).toBe(
      `"'=HYPERLINK(""x"")",'@SUM(A1),'+1+1,-2.5,-0.000001,'- note\r\n`,
    );
  });

  it('writes the header, then each row', () => {
    expect(
      tableToCsv({
        columns: ['a', 'b'],
        rows: [
          ['1', '2'],
          ['3', ''],
        ],
      }),
    ).toBe('a,b\r\n1,2\r\n3,\r\n');
  });
});
