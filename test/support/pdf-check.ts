/**
 * Checks the structure of a PDF our writer made (uncompressed, one byte per character):
 * header, every cross-reference offset pointing at its object, every stream's /Length, the
 * trailer's startxref; returns the text shown on its pages, one string per Tj.
 */
export function pdfTexts(pdf: Buffer): string[] {
  const file = pdf.toString('latin1');
  if (!file.startsWith('%PDF-1.4\n')) throw new Error('no PDF header');
  if (!file.endsWith('%%EOF\n')) throw new Error('no %%EOF');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(file)?.[1]);
  const xref = /^xref\n0 (\d+)\n/.exec(file.slice(startxref));
  if (!xref) throw new Error(`startxref ${startxref} does not point at the xref table`);
  const count = Number(xref[1]);
  const entries = file
    .slice(startxref + xref[0].length)
    .split('\n')
    .slice(0, count);
  entries.slice(1).forEach((entry, index) => {
    const offset = Number(entry.slice(0, 10));
    if (!file.startsWith(`${index + 1} 0 obj\n`, offset))
      throw new Error(
        `xref entry ${index + 1} points at ${JSON.stringify(file.slice(offset, offset + 12))}`,
      );
  });
  for (const match of file.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = match.index + match[0].length;
    if (!file.startsWith('\nendstream', start + Number(match[1])))
      throw new Error(`stream at ${start} is not ${match[1]} bytes long`);
  }
  return [...file.matchAll(/\((.*?)(?<!\\)\) Tj/g)].map((m) => m[1].replace(/\\([()\\])/g, '$1'));
}
