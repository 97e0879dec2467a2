import type { Server } from 'socket.io';
import { SLA_RULES_EVENTS, SlaRulesNotice } from '../../shared/protocol/slaRulesProtocol';

/** What the socket needs of the relay (slaRulesRelay.ts). */
export interface SlaRulesVersionSource {
  readonly version: number;
  onVersion(listener: (version: number) => void): () => void;
}

/**
 * Tells consoles which SLA rules version is in force: each socket as it
 * connects (so a console that missed a change while away catches up on
 * reconnection, socket.io's own included, which no HTTP request precedes),
 * then every socket whenever a new version is saved through any hub process.
 * Only the number goes out; a console holding another fetches the rules.
 */
export function attachSlaRulesSocket(io: Server, relay: SlaRulesVersionSource): void {
  const notice = (version: number): SlaRulesNotice => SlaRulesNotice.parse({ version });
  io.on('connection', (socket) => {
    socket.emit(SLA_RULES_EVENTS.changed, notice(relay.version));
  });
  relay.onVersion((version) => io.emit(SLA_RULES_EVENTS.changed, notice(version)));
}
