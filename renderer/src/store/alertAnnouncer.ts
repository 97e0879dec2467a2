import type { AlertView, Language } from '../../../shared/contract/deskContract';
import { label, t, type MessageKey } from '../../../shared/i18n/catalogue';

let audio: AudioContext | null = null;

/** A short two-tone chime, made on the spot: no sound file to ship or load. */
function chime(): void {
  audio ??= new AudioContext();
  const now = audio.currentTime;
  [880, 660].forEach((frequency, i) => {
    const osc = audio!.createOscillator();
    const gain = audio!.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.15, now + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.18 + 0.16);
    osc.connect(gain).connect(audio!.destination);
    osc.start(now + i * 0.18);
    osc.stop(now + i * 0.18 + 0.17);
  });
}

export function alertTitle(alert: AlertView, language: Language): string {
  const kind = t(language, `alerts.kind.${alert.kind}` as MessageKey);
  const ladder =
    alert.from && alert.to
      ? ` · ${t(language, 'alerts.ladder', { from: label(language, 'escalation', alert.from), to: label(language, 'escalation', alert.to) })}`
      : '';
  const timer = alert.timer ? ` · ${label(language, 'timer', alert.timer)}` : '';
  return `${alert.caseNumber ?? ''} ${kind}${timer}${ladder}`.trim();
}

/**
 * New alerts: a desktop notification each (Electron's or the browser's — the
 * same Notification API in both), a chime unless muted, and a fresh feed.
 */
export function announceAlerts(
  alerts: readonly AlertView[],
  state: { language: Language; muted: boolean; refreshAlerts(): void },
): void {
  state.refreshAlerts();
  if (!state.muted) {
    try {
      chime();
    } catch {
      // No audio device: the notification and the badge still show.
    }
  }
  if (typeof Notification === 'undefined') return;
  const show = () => {
    for (const alert of alerts.slice(0, 5))
      new Notification(t(state.language, 'app.title'), { body: alertTitle(alert, state.language), tag: alert.id });
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default')
    void Notification.requestPermission().then((p) => p === 'granted' && show());
}
