import { redactedSkeleton } from './redacted-skeleton.js';

const KNOWN = new Set(['eventId', 'patientId', 'dlp']);
const skeleton = (text: string): string => redactedSkeleton(Buffer.from(text), KNOWN).toString();

describe('the redacted skeleton of a rejected payload', () => {
  it('keeps the shape and known keys of JSON, and no string or number', () => {
    const text = JSON.stringify([
      { eventId: 'e1', patientId: 'MRN-0042', dlp: 'three hundred', ok: true, note: null },
      { patientId: ['MRN-0042'], mrn: 424242, patient: { 'patient-id': 'MRN-0042' } },
    ]);
    expect(JSON.parse(skeleton(text))).toEqual([
      {
        eventId: '<string:2>',
        patientId: '<string:8>',
        dlp: '<string:13>',
        '<key:1>': true,
        '<key:2>': null,
      },
      {
        patientId: ['<string:8>'],
        '<key:1>': '<number>',
        '<key:2>': { '<key:1>': '<string:8>' },
      },
    ]);
  });

  it('hides ids used as keys, DICOM tags and escaped key names', () => {
    const text = `{"MRN-0042": {"00100020": {"vr": "LO", "Value": ["MRN-0042"]}}, "patient\\u0049d": 7}`;
    const out = skeleton(text);
    expect(out).not.toMatch(/MRN-0042|00100020|LO/);
    // The escape is JSON's: the key is patientId, one of ours.
    expect(JSON.parse(out)).toEqual({
      '<key:1>': { '<key:1>': { '<key:1>': '<string:2>', '<key:2>': ['<string:8>'] } },
      patientId: '<number>',
    });
  });

  it.each([
    [
      'single-quoted JSON',
      `{'eventId': 'e1', 'patientId': 'MRN-0042'}`,
      `{'eventId': 'x', 'patientId': 'x'}`,
    ],
    ['JSON cut short', `{"eventId":"e1","patientId":"MRN-00`, `{"eventId":"x","patientId":"x`],
    ['plain text', 'Patient MRN-0042, CT chest', 'x x, x x'],
  ])('masks %s run by run, keeping known keys', (_case, text, expected) => {
    expect(skeleton(text)).toBe(expected);
  });

  it('sums up nesting past 32 levels instead of walking it', () => {
    const deep = `${'['.repeat(40)}"MRN-0042"${']'.repeat(40)}`;
    const out = skeleton(deep);
    expect(out).not.toContain('MRN');
    expect(out).toBe(`${'['.repeat(32)}"<nested>"${']'.repeat(32)}`);
  });
});
