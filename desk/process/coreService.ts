import { deskEvents } from '../../shared/contract/deskContract';
import { CoreCall, type CoreResult } from '../../shared/contract/coreChannel';
import type { DeskCore } from '../deskCore';
import type { RendererPort } from './hostChannel';

type Post = (message: unknown) => void;

/**
 * Serves one DeskCore to every line that may call it: the host's channel and
 * each renderer port. Calls are validated here as frames and by the
 * dispatcher as contract inputs; every event goes to every line.
 */
export class CoreService {
  private readonly lines = new Set<Post>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly core: DeskCore) {
    for (const event of Object.keys(deskEvents) as (keyof typeof deskEvents)[]) {
      const listener = (payload: unknown) => {
        for (const post of this.lines) post({ type: 'event', event, payload });
      };
      core.events.on(event, listener);
      this.unsubscribe.push(() => core.events.off(event, listener));
    }
  }

  /** A line that receives every event; returns how to stop sending to it. */
  addLine(post: Post): () => void {
    this.lines.add(post);
    return () => this.lines.delete(post);
  }

  /** A renderer's MessagePort (Electron): it calls, and hears events, until it closes. */
  addPort(port: RendererPort): void {
    const post: Post = (message) => port.postMessage(message);
    const remove = this.addLine(post);
    port.on('message', ({ data }) => void this.answer(data, post));
    port.on('close', remove);
    port.start();
  }

  /** One call frame answered on the line it came from; a malformed frame is refused, never thrown. */
  async answer(frame: unknown, post: Post): Promise<void> {
    const call = CoreCall.safeParse(frame);
    if (!call.success) {
      const id = typeof (frame as { id?: unknown })?.id === 'number' ? (frame as { id: number }).id : -1;
      post({
        type: 'result',
        id,
        ok: false,
        error: { code: 'badInput', message: 'Not a call frame.' },
      } satisfies CoreResult);
      return;
    }
    const reply = await this.core.dispatch(call.data.method, call.data.input);
    post({ type: 'result', id: call.data.id, ...reply } satisfies CoreResult);
  }

  close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.lines.clear();
  }
}
