import { startHub } from './hubServer';
import { hubConfigFromEnv } from './hubConfig';

// `npm run hub`: the hub alone. PORT and DATABASE_URL from the environment.
const config = hubConfigFromEnv(process.env);
const hub = await startHub(config);
let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  process.stderr.write(JSON.stringify({ level: 'info', msg: 'shutting down', signal }) + '\n');
  await hub.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
