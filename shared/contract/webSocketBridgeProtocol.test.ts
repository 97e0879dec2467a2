import { describe, expect, it } from 'vitest';
import { BridgeReply, BridgeRequest } from './webSocketBridgeProtocol';

describe('bridge frames', () => {
  it.each([
    [{ type: 'result', id: 1, ok: true, value: { language: 'ar' } }, true],
    [{ type: 'result', id: 2, ok: false, error: { code: 'badInput', message: 'Invalid input' } }, true],
    [{ type: 'event', event: 'queue.changed', payload: { lastAppliedSeq: 3 } }, true],
    [{ type: 'result', id: 3, ok: false, error: { code: 'rm -rf', message: 'x' } }, false],
    [{ type: 'shell', command: 'ls' }, false],
  ])('reply %j is accepted: %s', (frame, accepted) => {
    expect(BridgeReply.safeParse(frame).success).toBe(accepted);
  });

  it('takes only well-formed calls', () => {
    expect(BridgeRequest.safeParse({ type: 'call', id: 1, method: 'sync.status', input: {} }).success).toBe(true);
    expect(BridgeRequest.safeParse({ type: 'call', id: -1, method: 'sync.status', input: {} }).success).toBe(false);
    expect(BridgeRequest.safeParse({ type: 'call', id: 1, method: 'x', input: {}, extra: 1 }).success).toBe(false);
  });
});
