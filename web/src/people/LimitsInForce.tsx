import { get } from '../api.js';
import { formatDate } from '../dates.js';
import { formatDose } from '../format.js';
import { useLoad } from '../state.js';
import { Table } from '../Table.js';
import type { Exposure, Person, PersonLimit, Pregnancy } from '../types.js';
import { periodName, profileName, quantityName, QUANTITIES } from '../words.js';

/**
 * Where each fetal limit comes from (DESIGN.md §4): `eu` counts from the declaration
 * (Directive 2013/59/Euratom Art. 10(1): 1 mSv for the remainder of the pregnancy), `us-nrc`
 * the whole pregnancy (10 CFR 20.1208(a): 5 mSv).
 */
const PREGNANCY_RULES: Record<string, string> = {
  eu: 'Directive 2013/59/Euratom Art. 10: the fetal dose counts from the declaration to the end of the pregnancy',
  'us-nrc':
    '10 CFR 20.1208(a): the fetal dose counts over the whole pregnancy, from the estimated conception',
};

/** The limits the person is held to now, each with where it comes from: profile or override. */
export function LimitsInForce({ person, exposure }: { person: Person; exposure: Exposure }) {
  const personId = person.id;
  const own = useLoad(() => get<PersonLimit[]>(`/people/${personId}/limits`), [personId]);
  const pregnancies = useLoad(() => get<Pregnancy[]>(`/people/${personId}/pregnancy`), [personId]);
  const limits = QUANTITIES.flatMap((quantity) =>
    (exposure.quantities[quantity]?.limits ?? []).map((limit) => ({ quantity, ...limit })),
  );
  const running =
    pregnancies.state === 'ok'
      ? pregnancies.data.find((p) => p.endsAt === null || p.endsAt > exposure.asOf)
      : undefined;
  return (
    <section aria-labelledby="limits-title" class="panel">
      <h2 id="limits-title">Limits in force</h2>
      {own.state === 'error' && <p class="error">{own.error}</p>}
      {running && (
        <p class="flag" data-testid="pregnancy">
          Declared pregnant on {formatDate(running.declaredAt)}
          {running.estimatedConception &&
            ` (estimated conception ${running.estimatedConception})`}.{' '}
          {PREGNANCY_RULES[exposure.profile] ?? 'Fetal limit of the profile'}.
        </p>
      )}
      {own.state === 'ok' && limits.length === 0 && (
        <p>
          No dose limit applies
          {person.kind === 'patient'
            ? ': a patient (dose limits do not apply to medical exposure).'
            : '.'}
        </p>
      )}
      {own.state === 'ok' && limits.length > 0 && (
        <div class="stack">
          <Table caption="Limits in force" hideCaption columns={['Quantity', 'Limit', 'Set by']}>
            {limits.map((limit) => {
              const override = own.data.find(
                (o) => o.quantity === limit.quantity && o.period === limit.period,
              );
              return (
                <tr key={`${limit.quantity}/${limit.period}`}>
                  <th scope="row">{quantityName(limit.quantity)}</th>
                  <td data-label="Limit">
                    {formatDose(limit.limitMSv)} for the {periodName(limit.period)}
                  </td>
                  <td data-label="Set by">
                    {override
                      ? `Personal limit: ${override.reason}`
                      : limit.period === 'pregnancy'
                        ? 'Declared pregnancy'
                        : `${profileName(exposure.profile)}, ${exposure.category}`}
                  </td>
                </tr>
              );
            })}
          </Table>
        </div>
      )}
    </section>
  );
}
