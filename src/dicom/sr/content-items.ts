/**
 * Reading a DICOM SR content tree (PS3.3 C.17.3) as dcmjs naturalizes it, tolerantly
 * (DESIGN.md §3.5): a missing or malformed attribute makes a value absent, never an error.
 */

/** A naturalized dataset or sequence item: attribute keyword → value. */
export type Item = Record<string, unknown>;

/** A coded concept (PS3.3 Table 8.8-1): its value, scheme and meaning, each possibly absent. */
export interface Code {
  value?: string;
  scheme?: string;
  meaning?: string;
}

/** The items of a sequence attribute; dcmjs gives an array, a lone object or nothing. */
export function itemsOf(item: Item, keyword: string): Item[] {
  const value = item[keyword];
  if (Array.isArray(value)) return value.filter(isItem);
  return isItem(value) ? [value] : [];
}

export function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string attribute's first value, trimmed; empty means absent. */
export function textOf(item: Item, keyword: string): string | undefined {
  let value = item[keyword];
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  // DICOM pads to even length with a space or NUL (PS3.5 6.2).
  const text = value.replace(/[\s\0]+$/u, '').trim();
  return text === '' ? undefined : text;
}

export function codeOf(item: Item | undefined): Code | undefined {
  if (!item) return undefined;
  return {
    value: textOf(item, 'CodeValue') ?? textOf(item, 'LongCodeValue'),
    scheme: textOf(item, 'CodingSchemeDesignator'),
    meaning: textOf(item, 'CodeMeaning'),
  };
}

/** A content item's concept name. */
export const conceptOf = (item: Item): Code | undefined =>
  codeOf(itemsOf(item, 'ConceptNameCodeSequence')[0]);

/** A CODE content item's value. */
export const codedValueOf = (item: Item): Code | undefined =>
  codeOf(itemsOf(item, 'ConceptCodeSequence')[0]);

/**
 * A concept we look for: its DCM code (PS3.16 Annex D), and its meaning for reports that use
 * a private scheme or misspell the code, compared without case, blanks or punctuation.
 */
export interface Concept {
  code: string;
  meaning: string;
}

const squeezed = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

export function isConcept(code: Code | undefined, concept: Concept): boolean {
  if (!code) return false;
  if (code.value === concept.code && (code.scheme === undefined || code.scheme === 'DCM'))
    return true;
  return code.meaning !== undefined && squeezed(code.meaning) === squeezed(concept.meaning);
}

/** The children of a content item (or of the document root). */
export const childrenOf = (item: Item): Item[] => itemsOf(item, 'ContentSequence');

/** The first child with this concept name. */
export function childNamed(item: Item, concept: Concept): Item | undefined {
  return childrenOf(item).find((child) => isConcept(conceptOf(child), concept));
}

/** Every item under `item`, at any depth, with this concept name (the search stops at a match). */
export function descendantsNamed(item: Item, concept: Concept): Item[] {
  const found: Item[] = [];
  const visit = (parent: Item, depth: number) => {
    // A content tree deeper than this is malformed (or hostile): stop rather than recurse on.
    if (depth > 32) return;
    for (const child of childrenOf(parent)) {
      if (isConcept(conceptOf(child), concept)) found.push(child);
      else visit(child, depth + 1);
    }
  };
  visit(item, 0);
  return found;
}

/** A NUM content item's value and unit (PS3.3 C.18.1), as given. */
export interface Measurement {
  value: number;
  unit: Code | undefined;
}

export function measurementOf(item: Item): Measurement | undefined {
  const measured = itemsOf(item, 'MeasuredValueSequence')[0];
  if (!measured) return undefined;
  const text = textOf(measured, 'NumericValue');
  // DS allows a leading '+' and blanks; Number('') is 0, so an empty value stays absent.
  const value = text === undefined ? Number.NaN : Number(text.replace(/^\+/, ''));
  if (!Number.isFinite(value)) return undefined;
  return { value, unit: codeOf(itemsOf(measured, 'MeasurementUnitsCodeSequence')[0]) };
}

/** A UIDREF, TEXT, DATETIME or CODE child's value as text. */
export function childText(item: Item, concept: Concept, keyword: string): string | undefined {
  const child = childNamed(item, concept);
  return child ? textOf(child, keyword) : undefined;
}
