import { PdfWriter, pdfString } from './pdf-writer.js';

describe('PDF writer', () => {
  it('escapes string delimiters and encodes text as WinAnsi', () => {
    expect(pdfString('a (b) \\ c')).toBe('a \\(b\\) \\\\ c');
    // µ and é are Latin-1, – and … WinAnsi's own codes, ≥ has no glyph in Helvetica's set.
    expect([...pdfString('µé–…≥')].map((c) => c.charCodeAt(0))).toEqual([
      0xb5, 0xe9, 0x96, 0x85, 0x3f,
    ]);
  });

  it('points every cross-reference entry at its object', () => {
    const pdf = new PdfWriter('Test (1)');
    pdf.addPage({ width: 595, height: 842 });
    pdf.text(40, 800, 12, 'Hello (world)');
    pdf.line(40, 790, 200, 790);
    const file = pdf.toBuffer().toString('latin1');
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(file)?.[1]);
    const [, count, entries] = /^xref\n0 (\d+)\n0000000000 65535 f \n([\s\S]*?)trailer/.exec(
      file.slice(xrefAt),
    )!;
    const offsets = entries
      .trim()
      .split('\n')
      .map((entry) => Number(entry.slice(0, 10)));
    expect(offsets).toHaveLength(Number(count) - 1);
    offsets.forEach((offset, index) =>
      expect(file.slice(offset, offset + 10)).toMatch(new RegExp(`^${index + 1} 0 obj\\n`)),
    );
    expect(file).toContain('(Hello \\(world\\)) Tj');
    expect(file).toContain('/Title (Test \\(1\\))');
  });
});
