import { useState } from 'preact/hooks';
import { download } from './api.js';
import { Outcome } from './Outcome.js';

/**
 * PDF and CSV buttons for one report: each fetches it with the session and saves the file
 * (api.ts download); what was saved, or why not, is announced.
 */
export function DownloadButtons({
  what,
  path,
  formats = ['pdf', 'csv'],
  disabled = false,
}: {
  /** The report's name in the buttons' accessible names, e.g. "annual record". */
  what: string;
  /** The API path, with its query; `format=` is added. */
  path: string;
  formats?: ('pdf' | 'csv')[];
  disabled?: boolean;
}) {
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const save = async (format: 'pdf' | 'csv') => {
    setStatus('Preparing…');
    setError('');
    try {
      const separator = path.includes('?') ? '&' : '?';
      const name = await download(`${path}${separator}format=${format}`, `${what}.${format}`);
      setStatus(`Saved ${name}`);
    } catch (e) {
      setStatus('');
      setError((e as Error).message);
    }
  };
  return (
    <div class="downloads">
      {formats.map((format) => (
        <button
          key={format}
          type="button"
          disabled={disabled}
          aria-label={`Download ${what} as ${format.toUpperCase()}`}
          onClick={() => void save(format)}
        >
          {format.toUpperCase()}
        </button>
      ))}
      <Outcome status={status} error={error} />
    </div>
  );
}

/** A person's annual record (the year chosen) and dose history: theirs or, for an RSO, anyone's. */
export function RecordDownloads({ personId, year }: { personId: string; year: number }) {
  const [chosen, setChosen] = useState(year);
  const id = `record-year-${personId}`;
  return (
    <>
      <h3>Annual dose record</h3>
      <p>
        <label for={id}>Year</label>{' '}
        <input
          id={id}
          type="number"
          min={1900}
          max={year}
          value={chosen}
          onInput={(e) => setChosen(Number(e.currentTarget.value))}
        />
      </p>
      <DownloadButtons
        what={`annual record ${chosen}`}
        path={`/reports/people/${personId}/dose-record?year=${chosen}`}
        disabled={!Number.isInteger(chosen) || chosen < 1900 || chosen > year}
      />
      <h3>Dose history (all years)</h3>
      <DownloadButtons what="dose history" path={`/reports/people/${personId}/dose-history`} />
    </>
  );
}
