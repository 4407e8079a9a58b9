import { useState } from 'preact/hooks';
import { post } from './api.js';
import { doseUnit, formatDose } from './format.js';
import { PatientAlerts } from './patients/PatientAlerts.js';
import { PatientEvents } from './patients/PatientEvents.js';
import { formatDap, formatGy } from './patients/patient-units.js';
import { PageTitle } from './routes.js';
import { fieldValue, useSignal } from './state.js';
import type { PatientExposure } from './types.js';

/**
 * A patient by hospital id. The id goes only into the API call's body (POST /patients/lookup),
 * never into a URL, this page's address, the history or a log. The field does not autofill.
 */
export function PatientLookup() {
  useSignal(doseUnit);
  const [result, setResult] = useState<PatientExposure | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const patientId = fieldValue(event, 'patientId');
    setBusy(true);
    setError('');
    setResult(null);
    try {
      setResult(await post<PatientExposure>('/patients/lookup', { patientId }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle>Patient lookup</PageTitle>
      <form class="inline-form" onSubmit={(e) => void submit(e)}>
        <label for="patient-id">Patient id (MRN)</label>
        <input
          id="patient-id"
          name="patientId"
          required
          maxLength={64}
          autocomplete="off"
          spellcheck={false}
        />
        <button type="submit" disabled={busy}>
          Look up
        </button>
      </form>
      <div aria-live="polite">
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {result && <PatientResult patient={result} />}
      </div>
    </>
  );
}

function PatientResult({ patient }: { patient: PatientExposure }) {
  const e = patient.effectiveDose;
  return (
    <section aria-labelledby="patient-title" class="panel">
      <h2 id="patient-title">{patient.name}</h2>
      <dl class="figures">
        <div>
          <dt>Effective dose, lifetime</dt>
          <dd>{formatDose(e.lifetime)}</dd>
        </div>
        <div>
          <dt>Last 12 months</dt>
          <dd>{formatDose(e.rolling12Months)}</dd>
        </div>
        <div>
          <dt>Last 5 years</dt>
          <dd>{formatDose(e.rolling5Years)}</dd>
        </div>
        <div>
          <dt>Of which estimated from DLP</dt>
          <dd>{formatDose(e.estimatedLifetime)}</dd>
        </div>
        <div>
          <dt>Reference air kerma, last 12 weeks</dt>
          <dd>{formatGy(patient.referenceAirKerma.rolling12Weeks)}</dd>
        </div>
        <div>
          <dt>Largest air kerma of one procedure</dt>
          <dd>{formatGy(patient.referenceAirKerma.maxEvent)}</dd>
        </div>
        <div>
          <dt>Dose-area product, last 12 weeks</dt>
          <dd>{formatDap(patient.dap.rolling12Weeks)}</dd>
        </div>
      </dl>
      {e.eventsWithoutEffectiveDose > 0 && (
        <p class="muted">
          {e.eventsWithoutEffectiveDose} procedure(s) without an effective dose (not CT, or no way
          to estimate it) are not in the sums.
        </p>
      )}
      <PatientAlerts personId={patient.personId} />
      <PatientEvents events={patient.events} />
    </section>
  );
}
