import { seededRandom } from '../../test/support/random.js';
import { BADGE_READING_FIELDS, BadgeReadingDto } from '../readings/dto/badge-reading.dto.js';
import { parseReadingsMessage } from './parse-readings.js';
import { wellFormedReading } from './well-formed-reading.js';
import { validateItem } from '../mqtt/parse-batch.js';

const byDto = (item: unknown) =>
  validateItem(item, new BadgeReadingDto(), BADGE_READING_FIELDS, 'a reading');

/** Values near every rule's edges, of every JSON type. */
const VALUES: unknown[] = [
  undefined,
  null,
  0,
  -0,
  -1,
  -1e-9,
  1.5,
  42,
  99.999,
  100,
  100.0001,
  1e9,
  1e9 + 1,
  1e12,
  1e12 + 0.5,
  2e12,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  1e300,
  '5',
  '',
  true,
  [],
  [1],
  {},
  '2026-03-01T10:00:00Z',
  '2026-03-01T10:00:00.123+01:00',
  '2026-03-01T10:00',
  '2026-03-01T10:00:00',
  '2026-03-01 10:00:00Z',
];

describe('wellFormedReading', () => {
  it('accepts exactly what the DTO accepts, with the same fields', () => {
    const random = seededRandom(7);
    const pick = () => VALUES[Math.floor(random() * VALUES.length)];
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const item: Record<string, unknown> = {};
      for (const field of BADGE_READING_FIELDS) {
        // Mostly valid fields, so that single bad ones are tried against all the rest.
        const value = random() < 0.7 ? valid(field, random) : pick();
        if (value !== undefined || random() < 0.1) item[field] = value;
      }
      if (random() < 0.05) item.extra = pick();
      const fast = wellFormedReading(item);
      const dto = byDto(item);
      if (fast === undefined) {
        expect(typeof dto).toBe('string');
      } else {
        accepted += 1;
        expect(typeof dto).not.toBe('string');
        for (const field of BADGE_READING_FIELDS)
          expect(fast[field]).toBe((dto as BadgeReadingDto)[field]);
      }
    }
    // Both verdicts occur often enough to mean something.
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(19_000);
  });

  it.each([null, [], 'text', 5, true])('refuses %p as a reading', (item) => {
    expect(wellFormedReading(item)).toBeUndefined();
    expect(typeof byDto(item)).toBe('string');
  });
});

describe('parseReadingsMessage', () => {
  const limits = { maxPayloadBytes: 65_536, maxClockSkewMs: 300_000, now: Date.now() };
  const parse = (body: unknown) =>
    parseReadingsMessage('B-1', Buffer.from(JSON.stringify(body)), limits);

  it('takes a null register, rate or battery as absent', () => {
    const { readings, rejections } = parse({
      seq: 3,
      measuredAt: '2026-03-01T10:00:00Z',
      hp10: 12.5,
      hp007: null,
      doseRate: null,
      battery: null,
    });
    expect(rejections).toEqual([]);
    expect(readings).toEqual([
      {
        serial: 'B-1',
        seq: 3n,
        measuredAt: new Date('2026-03-01T10:00:00Z'),
        registers: { hp10: 12_500n },
        doseRateNsvH: null,
        battery: null,
      },
    ]);
  });

  it('gives the DTO reasons for a bad reading', () => {
    const { readings, rejections } = parse({ seq: 1.5, measuredAt: 'yesterday', hp10: -1 });
    expect(readings).toEqual([]);
    expect(rejections.map((r) => r.reason)).toEqual([
      expect.stringMatching(
        /seq must be an integer.*measuredAt must be an ISO-8601.*hp10 must not be less than 0/,
      ),
    ]);
  });
});

function valid(field: (typeof BADGE_READING_FIELDS)[number], random: () => number): unknown {
  switch (field) {
    case 'seq':
      return Math.floor(random() * 1e6);
    case 'measuredAt':
      return '2026-03-01T10:00:00.5Z';
    case 'battery':
      return Math.round(random() * 1000) / 10;
    case 'hp10':
    case 'hp007':
    case 'hp3':
    case 'doseRate':
      return Math.round(random() * 1e6) / 1000;
  }
}
