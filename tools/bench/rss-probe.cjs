// Preloaded into the API by a benchmark (node --require): samples the
// process's own process.memoryUsage() every 10 ms and answers over IPC.
// 'rss:reset' → { rss } (after a GC when --expose-gc), 'rss:peak' → the sample of the highest rss since.
let peak = process.memoryUsage();
setInterval(() => {
  const now = process.memoryUsage();
  if (now.rss > peak.rss) peak = now;
}, 10).unref();
process.on('message', (message) => {
  if (message === 'rss:reset') {
    globalThis.gc?.();
    peak = process.memoryUsage();
    process.send(peak);
  }
  if (message === 'rss:peak') process.send(peak);
});
