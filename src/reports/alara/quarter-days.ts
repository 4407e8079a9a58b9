/** First and last facility day (YYYY-MM-DD, inclusive) of a calendar quarter `YYYY-Qn`. */
export function quarterDays(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const firstMonth = (Number(quarter.slice(6)) - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    from: `${quarter.slice(0, 4)}-${pad(firstMonth)}-01`,
    to: `${quarter.slice(0, 4)}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}
