/** BK-26-0001234: the platform's case numbers, by year of submission. */
export function formatCaseNumber(submittedAt: Date, serial: number): string {
  const yy = String(submittedAt.getUTCFullYear() % 100).padStart(2, '0');
  return `BK-${yy}-${String(serial % 10_000_000).padStart(7, '0')}`;
}
