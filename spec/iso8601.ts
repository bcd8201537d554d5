// The one reader of ISO 8601 durations in the project: the broker reads them from requests,
// the judge from answers, the CLI from --max-wait, the declaration its lifetimes. Calendar
// units (years, months) are taken at fixed lengths because brokers schedule in elapsed time,
// not dates; every unit may carry a fraction. Whether a text has the exact form a schema's
// pattern wants is the validator's question, not this reader's.

const DURATION =
  /^P(?=\d|T\d)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const DAY = 86_400_000;
/** Milliseconds per unit, in the order the pattern captures them. */
const UNIT_MS = [365 * DAY, 30 * DAY, 7 * DAY, DAY, 3_600_000, 60_000, 1000];

/** A duration in milliseconds, or undefined when the text is not an ISO 8601 duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  let total = 0;
  for (let i = 0; i < UNIT_MS.length; i += 1) {
    const part = match[i + 1];
    if (part !== undefined) total += Number(part) * (UNIT_MS[i] as number);
  }
  return Number.isFinite(total) ? total : undefined;
}
