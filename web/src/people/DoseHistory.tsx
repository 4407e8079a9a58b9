import { yearOf } from '../../../src/calendar/days.js';
import { get, query } from '../api.js';
import { monthName } from '../dates.js';
import { DoseChart, type MonthDose } from '../DoseChart.js';
import { doseUnit, facilityToday, formatDose } from '../format.js';
import { useLoad, useSignal } from '../state.js';
import { Table } from '../Table.js';
import type { DailyDoses, Exposure } from '../types.js';
import { quantityName, QUANTITIES } from '../words.js';

/** Years shown: this one and the four before, the span of the 5-year limits (DESIGN.md §5). */
const YEARS = 5;

interface Props {
  personId: string;
  quantity: string;
  onQuantity: (quantity: string) => void;
  exposure: Exposure;
  revision: number;
}

/** Monthly doses and the cumulative dose of one quantity over five calendar years. */
export function DoseHistory({ personId, quantity, onQuantity, exposure, revision }: Props) {
  useSignal(doseUnit);
  const last = yearOf(facilityToday());
  const years = Array.from({ length: YEARS }, (_, i) => last - YEARS + 1 + i);
  const daily = useLoad(
    () =>
      Promise.all(
        years.map((year) => get<DailyDoses>(`/people/${personId}/daily-doses${query({ year })}`)),
      ),
    [personId, last, revision],
  );
  const months = daily.state === 'ok' ? monthlyDoses(daily.data, quantity, facilityToday()) : [];
  const limit = exposure.quantities[quantity]?.limits.find((l) => l.period === '5years');
  const withDose = months.filter((m) => m.doseMSv > 0);
  return (
    <section aria-labelledby="chart-title" class="panel">
      <h2 id="chart-title">
        {quantityName(quantity)}, {years[0]}–{last}
      </h2>
      <label for="chart-quantity">Quantity</label>{' '}
      <select
        id="chart-quantity"
        value={quantity}
        onChange={(e) => onQuantity(e.currentTarget.value)}
      >
        {QUANTITIES.filter((q) => exposure.quantities[q]).map((q) => (
          <option key={q} value={q}>
            {quantityName(q)}
          </option>
        ))}
      </select>
      {daily.state === 'loading' && <p>Loading…</p>}
      {daily.state === 'error' && <p class="error">{daily.error}</p>}
      {daily.state === 'ok' && exposure.quantities[quantity]?.monitored === false && (
        <p class="not-monitored">Not monitored: no badge worn measures it.</p>
      )}
      {daily.state === 'ok' && (
        <DoseChart quantity={quantity} months={months} limitMSv={limit?.limitMSv} />
      )}
      {daily.state === 'ok' && withDose.length > 0 && (
        <details>
          <summary>Months with dose, as a table</summary>
          <div class="stack">
            <Table
              caption={`${quantityName(quantity)} by month`}
              columns={['Month', 'Dose', 'Cumulative']}
            >
              {withDose.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthName(m.month)}</th>
                  <td data-label="Dose">{formatDose(m.doseMSv)}</td>
                  <td data-label="Cumulative">{formatDose(m.cumulativeMSv)}</td>
                </tr>
              ))}
            </Table>
          </div>
        </details>
      )}
    </section>
  );
}

/**
 * Every month from January of the first year through the current month, with its dose and the
 * running total since the first month (days without dose are absent from the API's answer).
 */
export function monthlyDoses(years: DailyDoses[], quantity: string, today: string): MonthDose[] {
  const byMonth = new Map<string, number>();
  for (const year of years)
    for (const { day, doseMSv } of year.quantities[quantity] ?? [])
      byMonth.set(day.slice(0, 7), (byMonth.get(day.slice(0, 7)) ?? 0) + doseMSv);
  const months: MonthDose[] = [];
  let cumulative = 0;
  for (const year of years)
    for (let m = 1; m <= 12; m++) {
      const month = `${year.year}-${String(m).padStart(2, '0')}`;
      if (month > today.slice(0, 7)) break;
      const dose = byMonth.get(month) ?? 0;
      cumulative += dose;
      months.push({ month, doseMSv: dose, cumulativeMSv: cumulative });
    }
  return months;
}
