/**
 * Structured one-line JSON logs. Callers pass counts, ids and codes — never a
 * citizen's name, phone or text — so logs hold no personal data.
 */
export interface HubLogger {
  info(message: string, fields?: Record<string, string | number | boolean | null>): void;
  warn(message: string, fields?: Record<string, string | number | boolean | null>): void;
}

export function hubLogger(level: 'silent' | 'info' | 'warn'): HubLogger {
  const write =
    (lvl: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg: message, ...fields }) + '\n');
  const none = () => undefined;
  return {
    info: level === 'info' ? write('info') : none,
    warn: level === 'silent' ? none : write('warn'),
  };
}
