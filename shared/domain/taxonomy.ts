import { z } from 'zod';

// The platform's own vocabularies. Values are stable wire identifiers; labels
// live in the message catalogues (shared/i18n), never here.

export const APPLICATION_TYPES = ['inquiry', 'suggestion', 'compliment', 'complaint', 'report'] as const;
export const ApplicationType = z.enum(APPLICATION_TYPES);
export type ApplicationType = z.infer<typeof ApplicationType>;

export const CHANNELS = ['web', 'mobile', 'callCentre', 'chatbot'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const PILLARS = [
  'serviceQuality',
  'deliveryTime',
  'employeeBehaviour',
  'serviceProcedures',
  'deliveryInfrastructure',
] as const;
export const Pillar = z.enum(PILLARS);
export type Pillar = z.infer<typeof Pillar>;

export const IMPORTANCE_LEVELS = ['low', 'normal', 'high', 'critical'] as const;
export const Importance = z.enum(IMPORTANCE_LEVELS);
export type Importance = z.infer<typeof Importance>;

export const CASE_STATUSES = [
  'submitted',
  'assigned',
  'inProgress',
  'awaitingCitizen',
  'answered',
  'closed',
  'reopened',
  'referred',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Statuses in which the case still waits for the government side. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['submitted', 'assigned', 'inProgress', 'reopened', 'referred'];

export const SECTORS = [
  'sovereign',
  'economy',
  'health',
  'education',
  'social',
  'infrastructure',
  'municipal',
  'justice',
  'environment',
  'culture',
] as const;
export const Sector = z.enum(SECTORS);
export type Sector = z.infer<typeof Sector>;

export const ENTITY_KINDS = ['ministry', 'department', 'authority', 'municipality', 'council', 'company'] as const;
export const EntityKind = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKind>;

/** Focal point → director → secretary-general → minister. */
export const ESCALATION_LEVELS = ['focalPoint', 'director', 'secretaryGeneral', 'minister'] as const;
export const EscalationLevel = z.enum(ESCALATION_LEVELS);
export type EscalationLevel = z.infer<typeof EscalationLevel>;
