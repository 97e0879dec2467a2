import { z } from 'zod';
import { EntityKind, Sector } from './taxonomy';

/** A government entity (ministry, department, authority, municipality…). */
export const EntityRecord = z
  .object({
    id: z.string().min(1).max(64),
    code: z.string().min(1).max(32),
    nameAr: z.string().min(1).max(200),
    nameEn: z.string().min(1).max(200),
    sector: Sector,
    kind: EntityKind,
    parentId: z.string().min(1).max(64).nullable(),
    seq: z.number().int().nonnegative(),
  })
  .strip();
export type EntityRecord = z.infer<typeof EntityRecord>;

/** A focal point: the liaison officer who answers an entity's cases. */
export const FocalPointRecord = z
  .object({
    id: z.string().min(1).max(64),
    entityId: z.string().min(1).max(64),
    nameAr: z.string().min(1).max(200),
    nameEn: z.string().min(1).max(200),
    phone: z.string().max(32),
    email: z.string().max(200),
    active: z.boolean(),
    seq: z.number().int().nonnegative(),
  })
  .strip();
export type FocalPointRecord = z.infer<typeof FocalPointRecord>;
