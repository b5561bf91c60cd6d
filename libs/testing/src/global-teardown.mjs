export default async function globalTeardown() {
  for (const stop of (globalThis.__plinthStops ?? []).reverse()) await stop();
}
