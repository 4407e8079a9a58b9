import { parseExposuresMessage } from './parse-exposures.js';
import { pseudonymise } from '../people/pseudonym.js';

const SECRET = 'a-patient-secret-of-at-least-32-characters';
const NOW = Date.parse('2026-11-26T12:00:00Z');
const LIMITS = { maxPayloadBytes: 262_144, maxClockSkewMs: 300_000, now: NOW };
const CT = {
  eventId: '1.2.840.1.99.7',
  studyUid: '1.2.840.1.99',
  patientId: 'MRN-0042',
  performedAt: '2026-11-26T09:00:00Z',
  modality: 'CT',
  bodyRegion: 'chest',
  patientAgeYears: 54,
  ctdiVol: 8.1,
  dlp: 310.0,
  dap: null,
  referenceAirKerma: null,
  fluoroTimeS: null,
  effectiveDose: null,
};
const parse = (body: unknown, modalityId = 'CT-1') =>
  parseExposuresMessage(modalityId, Buffer.from(JSON.stringify(body)), LIMITS, SECRET);
const asText = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

describe('patient exposure events on the wire (DESIGN.md §3.2)', () => {
  it('keeps the pseudonym, never the raw id, and estimates a CT dose marked as such', () => {
    const { exposures, rejections } = parse(CT);
    expect(rejections).toEqual([]);
    expect(exposures).toEqual([
      expect.objectContaining({
        modalityId: 'CT-1',
        eventId: '1.2.840.1.99.7',
        patientKey: pseudonymise(SECRET, 'MRN-0042'),
        performedAt: new Date('2026-11-26T09:00:00Z'),
        ctdiVolNgy: 8_100_000n,
        dlpNgyCm: 310_000_000n,
        dapUgyCm2: null,
        effectiveNsv: 4_340_000n, // 310 mGy·cm × 0.014 mSv/(mGy·cm)
        effectiveSource: 'estimated',
        kFactor: '0.014',
      }),
    ]);
    expect(asText(exposures)).not.toContain('MRN-0042');
  });

  it("uses the modality's effective dose when it gives one", () => {
    const [event] = parse({ ...CT, effectiveDose: 3.95 }).exposures;
    expect(event).toMatchObject({
      effectiveNsv: 3_950_000n,
      effectiveSource: 'reported',
      kFactor: null,
    });
  });

  it('keeps a fluoroscopy event’s physical quantities and invents no effective dose', () => {
    const [event] = parse({
      ...CT,
      modality: 'xa',
      dlp: null,
      referenceAirKerma: 3500.5,
      dap: 123.456789,
      fluoroTimeS: 1820,
    }).exposures;
    expect(event).toMatchObject({
      modality: 'XA',
      airKermaNgy: 3_500_500_000n,
      dapUgyCm2: 123_456_789n,
      fluoroTimeUs: 1_820_000_000n,
      effectiveNsv: null,
      effectiveSource: null,
    });
  });

  it('has no estimate for a CT event without the patient’s age', () => {
    const [event] = parse({ ...CT, patientAgeYears: null }).exposures;
    expect(event).toMatchObject({ effectiveNsv: null, effectiveSource: null });
  });

  it('rejects bad items one by one, with their reasons and no raw id', () => {
    const { exposures, rejections } = parse([
      CT,
      { ...CT, eventId: 'e2', patientId: 'MRN-7777', dlp: -1 },
      { ...CT, eventId: 'e3', patientId: 'MRN-8888', performedAt: '2026-11-26T12:10:00Z' },
      { ...CT, eventId: 'e4', patientId: 'MRN-9999', modality: 'C T' },
    ]);
    expect(exposures).toHaveLength(1);
    expect(rejections.map((r) => r.reason)).toEqual([
      'dlp must not be less than 0',
      'performedAt is 600 s in the future (more than MAX_CLOCK_SKEW)',
      'modality must be a DICOM modality code such as CT',
    ]);
    const kept = rejections.map((r) => r.payload.toString()).join('\n');
    expect(kept).not.toMatch(/MRN-(7777|8888|9999)/);
    // Each bad item keeps its own skeleton and its size as received.
    expect(JSON.parse(rejections[0].payload.toString())).toMatchObject({
      eventId: '<string:2>',
      patientId: '<string:8>',
      dlp: '<number>',
    });
    expect(rejections[0].redactedBytes).toBe(
      JSON.stringify({ ...CT, eventId: 'e2', patientId: 'MRN-7777', dlp: -1 }).length,
    );
  });

  it('rejects a payload that is not JSON, redacted, and a topic that names no modality', () => {
    const broken = parseExposuresMessage(
      'CT-1',
      Buffer.from('{"patientId":"MRN-0042",'),
      LIMITS,
      SECRET,
    );
    expect(broken.rejections.map((r) => r.reason)).toEqual(['payload is not valid JSON']);
    expect(broken.rejections[0]).toMatchObject({ redactedBytes: 24 });
    expect(broken.rejections[0].payload.toString()).toBe('{"patientId":"x",');
    expect(parse(CT, '..').rejections.map((r) => r.reason)).toEqual([
      'the topic modality id is not valid',
    ]);
  });

  it('rejects values beyond physical sense, naming the field and the bound (a unit slip)', () => {
    const XA = { ...CT, modality: 'XA', ctdiVol: null, dlp: null };
    const { exposures, rejections } = parse([
      // At the bounds: kept.
      {
        ...XA,
        eventId: 'ok',
        dap: 1e5,
        referenceAirKerma: 1e5,
        peakSkinDose: 1e5,
        fluoroTimeS: 86_400,
      },
      { ...CT, eventId: 'ok-ct', dlp: 1e5, ctdiVol: 1e4 },
      // Gy·m² sent as Gy·cm² would be 10⁴ times smaller; this is a DAP in mGy·cm² sent as Gy·cm².
      { ...XA, eventId: 'x1', dap: 150_000 },
      { ...XA, eventId: 'x2', referenceAirKerma: 100_000.5 },
      { ...CT, eventId: 'x3', dlp: 310_000 },
      { ...XA, eventId: 'x4', peakSkinDose: 3_000_000 },
      { ...CT, eventId: 'x5', ctdiVol: 10_001 },
      { ...XA, eventId: 'x6', fluoroTimeS: 86_401 },
    ]);
    expect(exposures.map((e) => e.eventId)).toEqual(['ok', 'ok-ct']);
    expect(exposures[0]).toMatchObject({
      dapUgyCm2: 100_000_000_000n,
      airKermaNgy: 100_000_000_000n,
      peakSkinDoseNgy: 100_000_000_000n,
      fluoroTimeUs: 86_400_000_000n,
    });
    expect(rejections.map((r) => r.reason)).toEqual([
      'dap 150000 Gy·cm² is above the plausibility bound of 100000 Gy·cm² (a unit slip?)',
      'referenceAirKerma 100000.5 mGy is above the plausibility bound of 100000 mGy (a unit slip?)',
      'dlp 310000 mGy·cm is above the plausibility bound of 100000 mGy·cm (a unit slip?)',
      'peakSkinDose 3000000 mGy is above the plausibility bound of 100000 mGy (a unit slip?)',
      'ctdiVol 10001 mGy is above the plausibility bound of 10000 mGy (a unit slip?)',
      'fluoroTimeS 86401 s is above the plausibility bound of 86400 s (a unit slip?)',
    ]);
    // Only a skeleton is kept: the patient id is gone, the field that failed is named.
    expect(JSON.parse(rejections[0].payload.toString())).toMatchObject({
      patientId: '<string:8>',
      dap: '<number>',
    });
  });

  it('keeps the peak skin dose and the CT phantom, and refuses an unknown phantom', () => {
    const [adult] = parse({ ...CT, ctPhantom: 'body32' }).exposures;
    expect(adult).toMatchObject({ ctPhantom: 'body32', effectiveSource: 'estimated' });
    // A 5-year-old's chest against the 32 cm phantom: no estimate (ct-effective-dose.ts).
    const [child] = parse({ ...CT, patientAgeYears: 5, ctPhantom: 'body32' }).exposures;
    expect(child).toMatchObject({ effectiveNsv: null, effectiveSource: null, kFactor: null });
    const [psd] = parse({ ...CT, modality: 'XA', peakSkinDose: 3200.5 }).exposures;
    expect(psd.peakSkinDoseNgy).toBe(3_200_500_000n);
    expect(parse({ ...CT, ctPhantom: '32cm' }).rejections.map((r) => r.reason)).toEqual([
      'ctPhantom must be head16 or body32',
    ]);
  });
});
