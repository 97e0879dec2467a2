import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwordHash';

describe('password hashes', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const hash = await hashPassword('كلمة-سر-طويلة 2026');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('كلمة-سر-طويلة 2026', hash)).toBe(true);
    expect(await verifyPassword('كلمة-سر-طويلة 2027', hash)).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it.each(['', 'plain-text', 'scrypt$1$2', 'bcrypt$2a$10$abc'])(
    'refuses a malformed stored hash %j',
    async (stored) => {
      expect(await verifyPassword('x', stored)).toBe(false);
    },
  );
});
