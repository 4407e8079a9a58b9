import type { AlertMessageDto } from '../alerts/dto/alert.dto.js';
import { notificationContent } from './notification-content.js';

const URL = 'https://dose.example.org';

const doseLimit: AlertMessageDto = {
  id: '3f1c0e52-0000-4000-8000-000000000001',
  kind: 'doseLimit',
  level: 'high',
  personId: '3f1c0e52-0000-4000-8000-000000000002',
  quantity: 'effective',
  period: '2026',
  valueMSv: 16.4,
  limitMSv: 20,
  fraction: 0.82,
  raisedAt: '2026-03-01T03:00:00.000Z',
  state: 'open',
};

describe('notificationContent', () => {
  it('tells person, quantity, value, limit and unit in words, with a link to the alert', () => {
    const content = notificationContent(
      { message: doseLimit, personName: 'Ada Worker', personKind: 'worker' },
      URL,
      false,
    );
    expect(content.subject).toBe('high alert, dose limit: Ada Worker');
    expect(content.text).toContain('About: Ada Worker');
    expect(content.text).toContain('Quantity: effective dose');
    expect(content.text).toContain('Value: 16.4 mSv');
    expect(content.text).toContain('Limit: 20 mSv');
    expect(content.text).toContain('82 % of the limit');
    expect(content.link).toBe(`${URL}/people/${doseLimit.personId}?alert=${doseLimit.id}`);
    expect(content.text).toContain(content.link);
  });

  it('says when an alert is passed on for want of an acknowledgement', () => {
    const content = notificationContent({ message: doseLimit, personName: 'Ada' }, URL, true);
    expect(content.subject).toMatch(/^Not acknowledged: /);
    expect(content.text).toContain('has not been acknowledged in time');
  });

  it('never names a patient: their name is made from the pseudonymous key', () => {
    const skin: AlertMessageDto = {
      ...doseLimit,
      kind: 'patientSkin',
      quantity: 'referenceAirKerma',
      valueMSv: undefined,
      limitMSv: undefined,
      value: 5200,
      limit: 5000,
      unit: 'mGy',
    };
    const content = notificationContent(
      { message: skin, personName: 'Patient 9a8b7c6d', personKind: 'patient' },
      URL,
      false,
    );
    expect(`${content.subject}\n${content.text}`).not.toContain('9a8b7c6d');
    expect(content.text).toContain('About: a patient');
    expect(content.text).toContain('Value: 5,200 mGy');
    expect(content.text).toContain('Quantity: reference air kerma');
  });
});
