import {
  container,
  ctReport,
  num,
  projectionReport,
  SOP_CLASS,
  srDocument,
  type CtAcquisition,
} from '../../../test/support/dose-reports.js';
import { wireEvents } from '../report-events.js';
import { reportTotals } from '../report-totals.js';
import { readDoseReport, type DoseReport } from './dose-report.js';
import { dicomDateTime, dicomInstant } from './dicom-time.js';
import { squeezeUnit } from './units.js';

/** Reading RDSR content trees (DESIGN.md §3.5), tolerantly; every expected value worked by hand. */
const patient = { id: 'TEST-0001', name: 'TEST^UNIT', age: '045Y', sex: 'M' };
const chest: CtAcquisition = {
  uid: '2.25.1.1',
  region: 'Chest',
  phantom: 'body',
  ctdiVol: 8.1,
  dlp: 310,
  lengthMm: 350,
};
const read = (dataset: Record<string, unknown>): DoseReport => {
  const report = readDoseReport(dataset, 'UTC');
  if (typeof report === 'string') throw new Error(report);
  return report;
};

describe('readDoseReport', () => {
  it('reads a CT report: per acquisition and the DLP total, patient age and sex', () => {
    const report = read(
      ctReport(
        '2.25.1',
        patient,
        [chest, { ...chest, uid: '2.25.1.2', dlp: 90, region: 'Head', phantom: 'head' }],
        400,
      ),
    );
    expect(report).toMatchObject({
      template: 'CT',
      patientId: 'TEST-0001',
      patientAgeYears: 45,
      patientSex: 'M',
      // 2026-11-30 09:15 at +01:00
      performedAt: '2026-11-30T08:15:00.000Z',
      totals: { dlp: 400 },
      defects: [],
    });
    expect(report.events).toEqual([
      {
        eventUid: '2.25.1.1',
        bodyRegion: 'chest',
        ctdiVol: 8.1,
        dlp: 310,
        scanningLengthMm: 350,
        ctPhantom: 'body32',
      },
      {
        eventUid: '2.25.1.2',
        bodyRegion: 'head',
        ctdiVol: 8.1,
        dlp: 90,
        scanningLengthMm: 350,
        ctPhantom: 'head16',
      },
    ]);
    // 310 + 90 = 400 mGy·cm: the total agrees (in millionths: 400 000 000).
    expect(reportTotals(report)).toEqual({
      reported: { dlp: 400_000_000n },
      ofEvents: { dlp: 400_000_000n },
      agree: true,
    });
  });

  it('converts Gy·m² to Gy·cm² (× 10⁴) and Gy to mGy (× 1000); sums biplane totals', () => {
    const event = {
      uid: '2.25.2.1',
      fluoroscopy: true,
      dap: 0.00123,
      doseRp: 0.0456,
      durationS: 12,
      startedAt: '20261130101500',
    };
    const dataset = projectionReport(SOP_CLASS.xrayDoseSr, '2.25.2', patient, [event], {
      dapGyM2: 0.00123,
      doseRpGy: 0.0456,
    });
    // Plane B's accumulated container: 0.00077 Gy·m² = 7.7 Gy·cm².
    (dataset.ContentSequence as Record<string, unknown>[]).push(
      container('113702', 'Accumulated X-Ray Dose Data', [
        num('113722', 'Dose Area Product Total', 0.00077, 'Gy.m2'),
      ]),
    );
    const report = read(dataset);
    // 0.00123 Gy·m² = 12.3 Gy·cm²; 0.0456 Gy = 45.6 mGy; a fluoroscopy event's 12 s are fluoro time.
    expect(report.events).toEqual([
      expect.objectContaining({
        dap: 12.3,
        referenceAirKerma: 45.6,
        fluoroTimeS: 12,
        performedAt: '2026-11-30T10:15:00.000Z',
      }),
    ]);
    // 12.3 + 7.7 = 20 Gy·cm² over both planes; the one event's 12.3 is 38.5 % short: disagree.
    expect(report.totals).toEqual({ dap: 20, referenceAirKerma: 45.6 });
    expect(reportTotals(report).agree).toBe(false);
  });

  it('takes unit variants, assumes the template unit when none is given, and leaves out a value in an unknown unit', () => {
    const variants = ctReport('2.25.3', patient, [{ ...chest, dlp: 310, dlpUnit: 'mGycm' }], 0.31);
    const ct = read(variants);
    expect(ct.events[0].dlp).toBe(310);
    const noUnit = projectionReport(SOP_CLASS.xrayDoseSr, '2.25.4', patient, [], { dapGyM2: 0.5 });
    const accumulated = (noUnit.ContentSequence as Record<string, unknown>[])[1];
    const dap = (accumulated.ContentSequence as Record<string, unknown>[])[1];
    const measured = (dap.MeasuredValueSequence as Record<string, unknown>[])[0];
    delete measured.MeasurementUnitsCodeSequence;
    // No unit: TID 10004's Gy·m², so 0.5 Gy·m² = 5000 Gy·cm².
    expect(read(noUnit).totals.dap).toBe(5000);
    measured.MeasurementUnitsCodeSequence = [
      { CodeValue: 'furlong', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'furlong' },
    ];
    const unknown = read(noUnit);
    expect(unknown.totals.dap).toBeUndefined();
    expect(unknown.defects).toEqual(['Dose Area Product Total: unit "furlong" is not a dap unit']);
  });

  it('keeps a report whose defects touch no dose value: no event UID, no study time, a bad age', () => {
    const dataset = ctReport('2.25.5', { ...patient, age: 'old' }, [chest], 310);
    delete dataset.StudyDate;
    dataset.ContentDate = '2026.11.29';
    dataset.ContentTime = '23:30:00';
    delete dataset.TimezoneOffsetFromUTC;
    const acquisition = (dataset.ContentSequence as Record<string, unknown>[])[2];
    acquisition.ContentSequence = (acquisition.ContentSequence as Record<string, unknown>[]).filter(
      (item) => item.ValueType !== 'UIDREF',
    );
    const report = read(dataset);
    expect(report).toMatchObject({
      patientAgeYears: undefined,
      performedAt: '2026-11-29T23:30:00.000Z',
    });
    // Known by its place in the report instead.
    const [event] = wireEvents(report, 'CT', new Date());
    expect(event).toMatchObject({ eventId: '2.25.5#1', dlp: 310, ctdiVol: 8.1, modality: 'CT' });
  });

  it('dates the events by the start of irradiation before the study time', () => {
    const dataset = ctReport('2.25.7', patient, [chest], 310);
    (dataset.ContentSequence as Record<string, unknown>[]).push({
      RelationshipType: 'CONTAINS',
      ValueType: 'DATETIME',
      ConceptNameCodeSequence: [
        {
          CodeValue: '113809',
          CodingSchemeDesignator: 'DCM',
          CodeMeaning: 'Start of X-Ray Irradiation',
        },
      ],
      DateTime: '20261130092000+0100',
    });
    // 09:20 at +01:00, not the study's 09:15.
    expect(read(dataset).performedAt).toBe('2026-11-30T08:20:00.000Z');
  });

  it('tells what is not a dose report', () => {
    const text = srDocument(
      SOP_CLASS.comprehensiveSr,
      '2.25.6',
      patient,
      [],
      ['18748-4', 'Diagnostic Imaging Report'],
    );
    expect(readDoseReport(text, 'UTC')).toBe(
      'not a radiation dose report (no TID 10011 or TID 10001 content)',
    );
  });
});

describe('DICOM times and units', () => {
  it('reads DA/TM with an offset, else in the facility zone, and DT', () => {
    expect(dicomInstant('20260701', '120000', undefined, 'Europe/Paris')).toBe(
      '2026-07-01T10:00:00.000Z',
    );
    expect(dicomInstant('20260101', '120000.5', '-0500', 'Europe/Paris')).toBe(
      '2026-01-01T17:00:00.500Z',
    );
    expect(dicomDateTime('20261130101500.25+0100', 'UTC')).toBe('2026-11-30T09:15:00.250Z');
    expect(dicomInstant('2026-13-01', '1200', undefined, 'UTC')).toBeUndefined();
  });

  it('squeezes unit spellings to one key', () => {
    expect(['Gy.m2', 'Gy·m²', 'Gy*m^2', 'gym2'].map(squeezeUnit)).toEqual([
      'gym2',
      'gym2',
      'gym2',
      'gym2',
    ]);
    expect(['mGy.cm', 'mGycm', 'mGy cm'].map(squeezeUnit)).toEqual(['mgycm', 'mgycm', 'mgycm']);
    expect(squeezeUnit('µGy.m2')).toBe('ugym2');
  });
});
