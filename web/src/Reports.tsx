import { useState } from 'preact/hooks';
import { yearOf } from '../../src/calendar/days.js';
import { quarterOfDay } from '../../src/calendar/periods.js';
import { get, query } from './api.js';
import { DownloadButtons, RecordDownloads } from './Downloads.js';
import { facilityToday, facilityTz } from './format.js';
import { PageTitle } from './routes.js';
import { useLoad } from './state.js';
import { endOfDayIn, startOfDayIn } from './zoned-day.js';

/** The RSO's reports, each downloaded as PDF or CSV with the session (no token in a link). */
export function Reports() {
  const today = facilityToday();
  const people = useLoad(() => get<{ id: string; name: string }[]>('/people?kind=worker'), []);
  const [personId, setPersonId] = useState('');
  const [quarter, setQuarter] = useState(quarterOfDay(today));
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [exportPerson, setExportPerson] = useState('');
  const quarterOk = /^\d{4}-Q[1-4]$/.test(quarter);
  const rangeOk = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const options =
    people.state === 'ok'
      ? people.data.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))
      : null;
  return (
    <>
      <PageTitle>Reports</PageTitle>
      <section aria-labelledby="records-title" class="panel">
        <h2 id="records-title">A worker's dose records</h2>
        <p>
          The annual record (NRC Form 5, or the EU record for an EU profile) and the history of
          every year (NRC Form 4).
        </p>
        <p>
          <label for="record-person">Worker</label>{' '}
          <select
            id="record-person"
            value={personId}
            onChange={(e) => setPersonId(e.currentTarget.value)}
          >
            <option value="">choose a worker</option>
            {options}
          </select>
        </p>
        {people.state === 'error' && <p class="error">{people.error}</p>}
        {personId && <RecordDownloads key={personId} personId={personId} year={yearOf(today)} />}
      </section>
      <section aria-labelledby="alara-title" class="panel">
        <h2 id="alara-title">ALARA quarter</h2>
        <p>Everyone at or over an investigation level in the quarter.</p>
        <p>
          <label for="alara-quarter">Quarter (e.g. 2026-Q3)</label>{' '}
          <input
            id="alara-quarter"
            value={quarter}
            pattern="\d{4}-Q[1-4]"
            onInput={(e) => setQuarter(e.currentTarget.value.trim())}
          />
        </p>
        <DownloadButtons
          what={`ALARA report ${quarter}`}
          path={`/reports/alara${query({ quarter })}`}
          disabled={!quarterOk}
        />
      </section>
      <section aria-labelledby="badges-report-title" class="panel">
        <h2 id="badges-report-title">Badges</h2>
        <p>
          The badges needing attention: silent, out of service but not returned, calibration due or
          overdue.
        </p>
        <DownloadButtons what="badge report" path="/reports/badges" />
      </section>
      <section aria-labelledby="export-title" class="panel">
        <h2 id="export-title">Readings export</h2>
        <p>
          Every reading measured in the days chosen (facility days, {facilityTz.value}), as CSV.
        </p>
        <div class="filters">
          <DayField id="export-from" label="From" value={from} onInput={setFrom} />
          <DayField id="export-to" label="To (inclusive)" value={to} onInput={setTo} />
          <div class="field">
            <label for="export-person">Person</label>
            <select
              id="export-person"
              value={exportPerson}
              onChange={(e) => setExportPerson(e.currentTarget.value)}
            >
              <option value="">everyone</option>
              {options}
            </select>
          </div>
        </div>
        <DownloadButtons
          what="readings export"
          formats={['csv']}
          disabled={!rangeOk}
          path={
            rangeOk
              ? `/reports/readings/export${query({
                  from: startOfDayIn(from, facilityTz.value),
                  to: endOfDayIn(to, facilityTz.value),
                  personId: exportPerson || undefined,
                })}`
              : '/reports/readings/export'
          }
        />
      </section>
    </>
  );
}

function DayField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (day: string) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="date"
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}
