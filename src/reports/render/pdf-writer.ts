/**
 * A minimal PDF 1.4 writer (ISO 32000-1): pages of text in the standard Type 1 fonts
 * Helvetica and Helvetica-Bold (every viewer has them, nothing is embedded) and straight
 * lines. Content streams stay uncompressed, so the output is plain enough to check in tests.
 * Enough for printable dose records; no dependency to audit or keep up to date.
 */
export const A4_PORTRAIT = { width: 595, height: 842 } as const;
export const A4_LANDSCAPE = { width: 842, height: 595 } as const;

export interface PageSize {
  width: number;
  height: number;
}

/** Average advance of a Helvetica glyph per point of size, generous (digits are 0.556 em). */
export const HELVETICA_EM_PER_CHAR = 0.56;

/** WinAnsiEncoding (PDF 32000-1 Annex D) code points outside Latin-1 that reports use. */
const WIN_ANSI_EXTRA: Record<string, number> = {
  '€': 0x80,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '…': 0x85,
};

export class PdfWriter {
  private readonly pages: { size: PageSize; content: string[] }[] = [];

  constructor(private readonly title: string) {}

  addPage(size: PageSize): void {
    this.pages.push({ size, content: [] });
  }

  /** Text with its baseline's left end at (x, y), in points from the page's bottom left. */
  text(x: number, y: number, size: number, text: string, bold = false): void {
    const font = bold ? 'F2' : 'F1';
    this.page().push(`BT /${font} ${size} Tf ${num(x)} ${num(y)} Td (${pdfString(text)}) Tj ET`);
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.5): void {
    this.page().push(`${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  /** The whole file: objects, cross-reference table with byte offsets, trailer. */
  toBuffer(): Buffer {
    const objects: string[] = [];
    const add = (body: string): number => objects.push(body);
    add('<< /Type /Catalog /Pages 2 0 R >>');
    add(''); // the page tree, once the pages' numbers are known
    const regular = add(
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    );
    const bold = add(
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    );
    const fonts = `<< /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >>`;
    const kids = this.pages.map(({ size, content }) => {
      const stream = content.join('\n');
      const contents = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
      return add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size.width} ${size.height}] ` +
          `/Resources ${fonts} /Contents ${contents} 0 R >>`,
      );
    });
    objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
    const info = add(`<< /Title (${pdfString(this.title)}) /Producer (dose-tracking-service) >>`);
    // Every character is one byte (Latin-1 / WinAnsi), so string lengths are byte offsets.
    let file = '%PDF-1.4\n';
    const offsets = objects.map((body, index) => {
      const offset = file.length;
      file += `${index + 1} 0 obj\n${body}\nendobj\n`;
      return offset;
    });
    const xref = file.length;
    file += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    file += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
    file += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${info} 0 R >>\n`;
    file += `startxref\n${xref}\n%%EOF\n`;
    return Buffer.from(file, 'latin1');
  }

  private page(): string[] {
    const page = this.pages.at(-1);
    if (!page) throw new Error('addPage() first');
    return page.content;
  }
}

/** A PDF literal string's inside: WinAnsi bytes as Latin-1 characters, delimiters escaped. */
export function pdfString(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    const byte =
      WIN_ANSI_EXTRA[char] ??
      (code >= 0x20 && code <= 0xff && (code < 0x7f || code > 0x9f) ? code : 0x3f);
    const latin1 = String.fromCharCode(byte);
    out += latin1 === '\\' || latin1 === '(' || latin1 === ')' ? `\\${latin1}` : latin1;
  }
  return out;
}

const num = (value: number): string => String(Math.round(value * 100) / 100);
