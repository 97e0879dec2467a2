import type { Language } from '../contract/deskContract';

/** The operation room's reminder templates, in both languages; {number} is the case. */
export const CHASE_TEMPLATES = {
  lateFirstResponse: {
    ar: 'تحية طيبة، نذكّركم بأن الطلب {number} لم يصله رد أولي حتى الآن وقد تجاوز المهلة. نرجو الرد اليوم.',
    en: 'Good day. Case {number} has had no first response and is past its deadline. Please respond today.',
  },
  lateResolution: {
    ar: 'تحية طيبة، الطلب {number} تجاوز موعد الإنجاز وتمت إحالته إلى مستوى أعلى. نرجو إغلاقه أو تحديث حالته.',
    en: 'Good day. Case {number} is past its resolution deadline and has been referred up. Please close it or update its status.',
  },
  updateNeeded: {
    ar: 'تحية طيبة، نرجو تحديث حالة الطلب {number} وإبلاغ المواطن بما تم.',
    en: 'Good day. Please update case {number} and tell the citizen what has been done.',
  },
} as const;
export type ChaseTemplate = keyof typeof CHASE_TEMPLATES;

export function chaseMessage(template: ChaseTemplate, language: Language, caseNumber: string): string {
  return CHASE_TEMPLATES[template][language].replace('{number}', caseNumber);
}
