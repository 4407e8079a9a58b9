import type { Http } from './http.js';

/** Records dose received at another employer (POST /people/:id/prior-doses); expects 201. */
export async function addPriorDose(
  rso: Http,
  personId: string,
  body: { employer: string; from: string; to: string; quantities: Record<string, number> },
): Promise<void> {
  const reply = await rso.post(`/api/v1/people/${personId}/prior-doses`, {
    sourceDocument: `Dose record from ${body.employer}`,
    ...body,
  });
  if (reply.status !== 201) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
}

/** Records an estimate for one day no badge measured (POST /people/:id/dose-estimates). */
export async function addEstimate(
  rso: Http,
  personId: string,
  day: string,
  body: { method: string; reason: string; quantities: Record<string, number> },
): Promise<void> {
  const reply = await rso.post(`/api/v1/people/${personId}/dose-estimates`, {
    from: day,
    to: day,
    ...body,
  });
  if (reply.status !== 201) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
}
