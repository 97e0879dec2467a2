import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import type { PresenceList } from '../../shared/contract/deskContract';
import { PRESENCE_EVENTS, PresenceSnapshot } from '../../shared/protocol/presenceProtocol';
import type { HubCredentials } from '../sync/hubHttpClient';

const ACK_TIMEOUT_MS = 5_000;

/**
 * This desk's side of presence: its own socket to the hub (apart from the
 * change stream, so presence never delays or disturbs sync), saying which
 * case is open here and hearing who has which case open elsewhere. What this
 * desk is viewing is said again after every reconnection; while offline the
 * others' presence is unknown and shown as nobody.
 */
export class PresenceClient extends EventEmitter<{ changed: [PresenceList] }> {
  private socket: Socket | null = null;
  private viewingCase: string | null = null;
  private current: PresenceList = { viewers: [] };

  constructor(
    private readonly hubUrl: string,
    private readonly credentials: HubCredentials,
  ) {
    super();
  }

  get viewers(): PresenceList {
    return this.current;
  }

  start(): void {
    const socket = io(this.hubUrl, {
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      auth: (give) => {
        void this.credentials.accessToken().then(
          (token) => give(token ? { token } : {}),
          () => give({}),
        );
      },
    });
    this.socket = socket;
    socket.on('connect', () => void this.join());
    socket.on('disconnect', () => this.adopt({ viewers: [] }));
    socket.on('connect_error', (error) => {
      if (/unauthori[sz]ed|401|token/i.test(error.message)) void this.credentials.rejected().catch(() => null);
    });
    socket.on(PRESENCE_EVENTS.changed, (raw: unknown) => {
      const parsed = PresenceSnapshot.safeParse(raw);
      if (parsed.success) this.adopt(parsed.data);
    });
  }

  /** Someone else signed in on this desk: the hub must see the new person. */
  reconnect(): void {
    this.socket?.disconnect().connect();
  }

  /** Says which case is open here; false when the hub did not hear it now (it is said again on reconnection). */
  async viewing(caseId: string | null): Promise<boolean> {
    this.viewingCase = caseId;
    return this.announce();
  }

  stop(): void {
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private async join(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return;
    try {
      const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(PRESENCE_EVENTS.join, {})) as {
        ok?: boolean;
      };
      const parsed = PresenceSnapshot.safeParse(answer);
      if (answer?.ok && parsed.success) this.adopt(parsed.data);
      if (answer?.ok) await this.announce();
    } catch {
      // No answer: the next reconnection joins again.
    }
  }

  private async announce(): Promise<boolean> {
    const socket = this.socket;
    if (!socket?.connected) return false;
    try {
      const answer = (await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck(PRESENCE_EVENTS.viewing, { caseId: this.viewingCase })) as { ok?: boolean };
      return answer?.ok === true;
    } catch {
      return false;
    }
  }

  private adopt(list: PresenceList): void {
    this.current = list;
    this.emit('changed', list);
  }
}
