import { randomUUID } from 'node:crypto';
import type { IntakeApplication } from '../../shared/domain/intakeApplication';

/** A citizen's complaint as a channel would post it. */
export function sampleApplication(overrides: Partial<IntakeApplication> = {}): IntakeApplication {
  return {
    clientId: `test-${randomUUID()}`,
    type: 'complaint',
    channel: 'web',
    entityCode: 'MOH',
    pillar: 'deliveryTime',
    importance: 'high',
    title: 'تأخر موعد المراجعة في المركز الصحي',
    body: 'راجعت المركز الصحي الشامل في طبربور ثلاث مرات دون أن يتم تحديد موعد لدى الطبيب المختص.',
    language: 'ar',
    applicant: { name: 'رنا محمود الزعبي', phone: '+962791234567' },
    ...overrides,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
type LooseJson = Record<string, any>;

export async function postApplication(hubUrl: string, body: unknown): Promise<{ status: number; json: LooseJson }> {
  const response = await fetch(`${hubUrl}/api/intake/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as LooseJson };
}
