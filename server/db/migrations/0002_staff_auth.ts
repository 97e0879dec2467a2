/**
 * Version 2: staff accounts and their sessions, and the audit log.
 * Refresh tokens are stored only as hashes, in families: reusing a spent one
 * revokes its whole family (a stolen token is useless once either side uses it).
 */
export const up = /* sql */ `
CREATE TABLE staff_users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_ar text NOT NULL,
  display_en text NOT NULL,
  role text NOT NULL CHECK (role IN ('operator', 'supervisor', 'support', 'administrator', 'focalPoint')),
  focal_point_id text REFERENCES focal_points(id),
  entity_id text REFERENCES entities(id),
  password_hash text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES staff_users(id),
  family_id uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);

-- Each entry's hash covers the previous entry's hash: an edited or deleted row breaks the chain.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
`;
