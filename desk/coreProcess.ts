import { HostMessage, type CoreMessage } from '../shared/contract/coreChannel';
import { DeskCore } from './deskCore';
import { CoreService } from './process/coreService';
import { openHostChannel } from './process/hostChannel';
import { hostSecretStore } from './session/hostSecretStore';

// The desk core's process: an Electron utilityProcess, or a Node child process
// of the launcher. It waits for its start message, opens the replica, and then
// answers calls from the host and from renderer ports until told to stop. A
// crash ends the process; the host's supervisor starts it again, and the
// replica and outbox, committed as they went, are where they were.
const channel = openHostChannel();
const tell = (message: CoreMessage) => channel.post(message);
let core: DeskCore | null = null;
let service: CoreService | null = null;
let started: Promise<void> | null = null;
let stopping: Promise<void> | null = null;

channel.onMessage((raw, ports) => {
  if (ports.length) {
    // A renderer's port; answered once the core is up.
    void (started ?? Promise.resolve()).then(() => ports.forEach((port) => service?.addPort(port)));
    return;
  }
  const message = HostMessage.safeParse(raw);
  if (!message.success) {
    process.stderr.write('desk core: a message from the host was not understood and was ignored\n');
    return;
  }
  const m = message.data;
  if (m.type === 'start') started ??= start(m);
  else if (m.type === 'call') void (started ?? Promise.resolve()).then(() => service?.answer(m, channel.post));
  else void stop();
});
channel.onGone(() => void stop());
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

async function start(m: Extract<HostMessage, { type: 'start' }>): Promise<void> {
  try {
    core = new DeskCore({
      dataDir: m.dataDir,
      hubUrl: m.hubUrl,
      ...(m.demoAccount ? { demoAccount: m.demoAccount } : {}),
      ...(m.hostSecrets
        ? {
            secrets: hostSecretStore(m.hostSecrets, ({ key, value }) =>
              tell(value === null ? { type: 'secret.delete', key } : { type: 'secret.set', key, value }),
            ),
          }
        : {}),
    });
    service = new CoreService(core);
    service.addLine(channel.post);
    core.start();
    tell({ type: 'ready', replicaPath: core.replicaPath });
  } catch (error) {
    tell({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100).unref();
  }
}

function stop(): Promise<void> {
  stopping ??= (async () => {
    await started;
    // The core's last status goes out before the lines close.
    await core?.stop();
    service?.close();
    tell({ type: 'stopped' });
    // Let the last message leave before the channel closes.
    setTimeout(() => process.exit(0), 50).unref();
    process.disconnect?.();
  })();
  return stopping;
}
