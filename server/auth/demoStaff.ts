import type { HubDatabase } from '../db/hubDatabase';
import { hashPassword } from './passwordHash';

/** The demo's password for every seeded account. Demo data only: a real hub has no such accounts. */
export const DEMO_PASSWORD = 'demo-password';

const ROOM = [
  ['huda', 'هدى العمري', 'Huda Al-Omari', 'operator'],
  ['omar', 'عمر الخوالدة', 'Omar Al-Khawaldeh', 'operator'],
  ['lina', 'لينا الزعبي', 'Lina Al-Zoubi', 'operator'],
  ['rana', 'رنا المجالي', 'Rana Al-Majali', 'supervisor'],
  ['khaled', 'خالد العبادي', 'Khaled Al-Abbadi', 'supervisor'],
  ['sami', 'سامي الحياري', 'Sami Al-Hiyari', 'support'],
  ['admin', 'مدير النظام', 'System administrator', 'administrator'],
] as const;

/**
 * The operation room's six desks and an administrator, and an account per
 * focal point (username = focal point id). One scrypt hash is shared by the
 * demo accounts: hashing ~230 passwords one by one would add a minute to
 * every first start, and these accounts exist only in demo data.
 */
export async function seedDemoStaff(db: HubDatabase): Promise<number> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const focalPoints = await db.query<{ id: string; entity_id: string; name_ar: string; name_en: string }>(
    'SELECT id, entity_id, name_ar, name_en FROM focal_points ORDER BY id',
  );
  const users = [
    ...ROOM.map(([username, ar, en, role]) => ({ id: username, username, ar, en, role, fp: null, entity: null })),
    ...focalPoints.map((f) => ({
      id: f.id,
      username: f.id,
      ar: f.name_ar,
      en: f.name_en,
      role: 'focalPoint',
      fp: f.id,
      entity: f.entity_id,
    })),
  ];
  await db.query(
    `INSERT INTO staff_users (id, username, display_ar, display_en, role, focal_point_id, entity_id, password_hash)
     SELECT u->>'id', u->>'username', u->>'ar', u->>'en', u->>'role', u->>'fp', u->>'entity', $2
     FROM json_array_elements($1::json) AS u ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(users), hash],
  );
  return users.length;
}
