import { formatDateTime, formatDose } from '../format.js';
import { Table } from '../Table.js';
import type { PatientExposure } from '../types.js';
import { formatCtdi, formatDap, formatDlp, formatFluoroTime, formatGy } from './patient-units.js';

type PatientEvent = PatientExposure['events'][number];

/** Each procedure with the figures its modality reports, in words and units. */
export function PatientEvents({ events }: { events: PatientEvent[] }) {
  if (events.length === 0) return <p>No procedures recorded.</p>;
  return (
    <div class="stack">
      <Table
        caption="Procedures, newest first"
        columns={['Performed', 'Modality', 'Body region', 'Dose figures', 'Effective dose']}
      >
        {[...events]
          .sort((a, b) => b.performedAt.localeCompare(a.performedAt))
          .map((event) => (
            <tr key={event.id} data-event-id={event.eventId}>
              <th scope="row">{formatDateTime(event.performedAt)}</th>
              <td data-label="Modality">{event.modality}</td>
              <td data-label="Body region">{event.bodyRegion ?? 'not given'}</td>
              <td data-label="Dose figures">
                <ul class="plain">
                  {figures(event).map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              </td>
              <td data-label="Effective dose">
                {event.effectiveDose === null ? 'not known' : formatDose(event.effectiveDose)}
                {event.effectiveDoseSource === 'estimated' &&
                  ` (estimated: DLP × k${event.kFactor === null ? '' : ` = ${event.kFactor} mSv/(mGy·cm)`})`}
              </td>
            </tr>
          ))}
      </Table>
    </div>
  );
}

/** The CTDI phantoms by the diameter of their acrylic cylinder (IEC 60601-2-44). */
const CT_PHANTOMS = { head16: '16 cm (head)', body32: '32 cm (body)' } as const;

/** The figures the event carries, each named; optional ones (peak skin dose) when present. */
function figures(event: PatientEvent): string[] {
  const shown: string[] = [];
  if (event.ctdiVol !== null) shown.push(`CTDIvol ${formatCtdi(event.ctdiVol)}`);
  if (event.dlp !== null) shown.push(`DLP ${formatDlp(event.dlp)}`);
  if (event.ctPhantom !== null) shown.push(`CT phantom ${CT_PHANTOMS[event.ctPhantom]}`);
  if (event.referenceAirKerma !== null)
    shown.push(`Reference air kerma ${formatGy(event.referenceAirKerma)}`);
  if (event.dap !== null) shown.push(`DAP ${formatDap(event.dap)}`);
  if (event.fluoroTimeS !== null)
    shown.push(`Fluoroscopy time ${formatFluoroTime(event.fluoroTimeS)}`);
  if (event.peakSkinDose !== null) shown.push(`Peak skin dose ${formatGy(event.peakSkinDose)}`);
  return shown.length ? shown : ['none reported'];
}
