import { sampleApplication } from '../tests/support/sampleApplication';
import { ENTITY_SEEDS } from '../server/seed/entities';
import { createSeedRandom } from '../shared/random/seedRandom';
import { BENCH_CHANNEL_KEY } from './benchHub';
import { sharedClockMs, type TrafficReport } from './liveBenchClock';

// The live bench's citizens: a channel posting applications to the hub at a
// steady rate, in its own process (as the platform's channels are), so its HTTP
// work never shares an event loop with the desk it measures. Forked by
// liveToRenderer.ts with the hub's address, the rate and the duration. Addressed
// to the country's entities as the simulator and the seed spread them, not all
// to one ministry (whose open cases would then grow without bound).
const [hubUrl, perSecondText, secondsText] = process.argv.slice(2) as [string, string, string];
const perSecond = Number(perSecondText);
const total = Math.round(perSecond * Number(secondsText));

const rng = createSeedRandom(7);
const report: TrafficReport = { committed: [], refused: [], sendingSeconds: 0 };
const started = performance.now();
const inFlight = new Set<Promise<void>>();
for (let i = 0; i < total; i++) {
  // Paced by the wall clock: a slow reply does not slow the sending.
  const wait = started + (i * 1000) / perSecond - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const sent = sharedClockMs();
  const post = fetch(`${hubUrl}/api/intake/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel-key': BENCH_CHANNEL_KEY },
    body: JSON.stringify(sampleApplication({ entityCode: rng.pick(ENTITY_SEEDS).code })),
  })
    .then(async (response) => {
      const json = (await response.json()) as { seq?: number };
      if (response.status !== 201 && response.status !== 200) {
        report.refused.push(`${response.status} ${JSON.stringify(json).slice(0, 200)}`);
      } else {
        report.committed.push({ seq: json.seq!, sent, replied: sharedClockMs() });
      }
    })
    .catch((error: Error) => void report.refused.push(error.message));
  inFlight.add(post);
  void post.finally(() => inFlight.delete(post));
}
await Promise.all(inFlight);
report.sendingSeconds = (performance.now() - started) / 1000;
process.send!(report, () => process.exit(0));
