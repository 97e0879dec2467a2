// Types for ensureChromium.mjs, which stays plain JavaScript so that it runs before anything is installed or built.
export declare const DEBIAN_CHROMIUM: string;

export type ChromiumPlan = { action: 'use' | 'install'; path: string } | { action: 'fail'; message: string };

export declare function planChromium(facts: {
  chromiumPath?: string | undefined;
  isExecutable: (path: string) => boolean;
  canInstall: boolean;
  elsewhere?: string | undefined;
}): ChromiumPlan;

export declare function ensureChromium(): boolean;
export declare function startPostgresIfStopped(): void;
